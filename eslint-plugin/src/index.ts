import { createRequire } from 'node:module';

import type { TSESLint } from '@typescript-eslint/utils';

import removeOnClose from './rules/remove-on-close.js';
import requireErrorListener from './rules/require-error-listener.js';

// dist/index.js and src/index.ts both sit one folder below the package's package.json
const packageJson = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

export const rules = {
  'remove-on-close': removeOnClose,
  'require-error-listener': requireErrorListener,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

const plugin = {
  meta: { name: packageJson.name, version: packageJson.version },
  rules,
  configs: {} as Record<string, TSESLint.FlatConfig.Config>,
};

export default plugin;
