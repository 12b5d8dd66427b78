import { ESLintUtils } from '@typescript-eslint/utils';

export interface SocketHygieneDocs {
  /** Part of `configs.recommended` (every rule is part of `configs.strict`). */
  recommended: boolean;
}

export const DOCS_BASE_URL =
  'https://github.com/socket-hygiene/socket-hygiene/blob/main/eslint-plugin/docs/rules';

export function ruleDocsUrl(ruleName: string): string {
  return `${DOCS_BASE_URL}/${ruleName}.md`;
}

/** The one rule factory of the plugin: every rule's `meta.docs.url` comes from here. */
export const createRule = ESLintUtils.RuleCreator<SocketHygieneDocs>(ruleDocsUrl);
