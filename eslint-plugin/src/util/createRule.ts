// The one rule factory of the plugin. Our own rather than typescript-eslint's `ESLintUtils.RuleCreator`:
// `@typescript-eslint/utils` has `typescript` as a required peer, and the plugin must run in a plain
// JavaScript project without it (only its types are used, through `import type`).
import type { TSESLint } from '@typescript-eslint/utils';

export interface SocketHygieneDocs {
  /** Part of `configs.recommended` (every rule is part of `configs.strict`). */
  recommended: boolean;
}

export const DOCS_BASE_URL =
  'https://github.com/socket-hygiene/socket-hygiene/blob/main/eslint-plugin/docs/rules';

export function ruleDocsUrl(ruleName: string): string {
  return `${DOCS_BASE_URL}/${ruleName}.md`;
}

/** What a rule file writes: its meta without the docs url (added here), its name and `create`. */
export interface RuleDefinition<Options extends readonly unknown[], MessageIds extends string> {
  name: string;
  meta: Omit<TSESLint.RuleMetaData<MessageIds, SocketHygieneDocs, Options>, 'docs'> & {
    docs: SocketHygieneDocs & Omit<TSESLint.RuleMetaDataDocs, 'url'>;
  };
  /** `options` are the user's options merged over `meta.defaultOptions`. */
  create: (context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, options: Readonly<Options>) => TSESLint.RuleListener;
}

export type SocketHygieneRule<Options extends readonly unknown[], MessageIds extends string> = TSESLint.RuleModule<
  MessageIds,
  Options,
  SocketHygieneDocs
> & { name: string };

/** Every rule's `meta.docs.url` comes from here, and its options arrive with the defaults filled in. */
export function createRule<Options extends readonly unknown[], MessageIds extends string>({
  name,
  meta,
  create,
}: Readonly<RuleDefinition<Options, MessageIds>>): SocketHygieneRule<Options, MessageIds> {
  const defaults = (meta.defaultOptions ?? []) as unknown as Options;
  return {
    create(context) {
      return create(context, applyDefault(defaults, context.options));
    },
    meta: { ...meta, docs: { ...meta.docs, url: ruleDocsUrl(name) } },
    name,
  };
}

/**
 * The user's options over a copy of the defaults, position by position: an object over an object is
 * merged deeply, anything else replaces the default (what typescript-eslint's `applyDefault` does;
 * ESLint 9.15+ merges `meta.defaultOptions` itself too, and merging twice gives the same options).
 */
export function applyDefault<Options extends readonly unknown[]>(defaults: Options, user: readonly unknown[] | undefined): Options {
  const options = structuredClone(defaults) as unknown as unknown[];
  if (user == null) return options as unknown as Options;
  options.forEach((option, i) => {
    const given = user[i];
    if (given === undefined) return;
    options[i] = isPlainObject(given) && isPlainObject(option) ? deepMerge(option, given) : given;
  });
  return options as unknown as Options;
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `second` over `first`, recursing where both hold an object; neither is changed. */
function deepMerge(first: PlainObject, second: PlainObject): PlainObject {
  const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
  return Object.fromEntries(
    [...keys].map((key) => {
      const a = first[key];
      const b = second[key];
      if (key in first && key in second) return [key, isPlainObject(a) && isPlainObject(b) ? deepMerge(a, b) : b];
      return [key, key in first ? a : b];
    }),
  );
}
