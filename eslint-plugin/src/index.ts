// The plugin object: rules, flat configs and meta, as ESLint 9/10 load it.
// The public types come from `eslint` (the one peer every user has), so the emitted .d.ts names no
// typescript-eslint package that a JavaScript project does not install.
import type { Linter, Rule } from 'eslint';

import removeOnClose from './rules/remove-on-close.js';
import requireErrorListener from './rules/require-error-listener.js';
import timeoutEndsSocket from './rules/timeout-ends-socket.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './meta.js';

const rules = {
  'remove-on-close': removeOnClose,
  'require-error-listener': requireErrorListener,
  'timeout-ends-socket': timeoutEndsSocket,
};

type RuleId = keyof typeof rules;
type Severity = 'error' | 'warn' | 'off';
type RuleEntry = Severity | [Severity, Record<string, unknown>];

export interface SocketHygienePlugin {
  meta: { name: string; version: string };
  rules: Record<RuleId, Rule.RuleModule>;
  configs: {
    recommended: Linter.Config;
    strict: Linter.Config;
  };
}

const recommendedRules: Record<`socket-hygiene/${RuleId}`, RuleEntry> = {
  'socket-hygiene/remove-on-close': 'error',
  'socket-hygiene/require-error-listener': 'error',
  'socket-hygiene/timeout-ends-socket': 'error',
};

// `strict` stops trusting code outside the file and turns on the options that cost a little noise
const strictRules: Record<`socket-hygiene/${RuleId}`, RuleEntry> = {
  'socket-hygiene/remove-on-close': ['error', { trustHandOff: false }],
  'socket-hygiene/require-error-listener': ['error', { servers: true, rejectOnceOnly: true, trustHandOff: false }],
  'socket-hygiene/timeout-ends-socket': ['error', { requireDestroyFallback: true, trustHandOff: false }],
};

const plugin: SocketHygienePlugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
  rules: rules as unknown as SocketHygienePlugin['rules'],
  configs: {} as SocketHygienePlugin['configs'],
};

// configs refer to the plugin object itself, as flat config wants
plugin.configs.recommended = {
  name: 'socket-hygiene/recommended',
  plugins: { 'socket-hygiene': plugin },
  rules: recommendedRules,
};
plugin.configs.strict = {
  name: 'socket-hygiene/strict',
  plugins: { 'socket-hygiene': plugin },
  rules: strictRules,
};

export default plugin;
// require('eslint-plugin-socket-hygiene') from a CommonJS config (Node's require(esm), 20.19+) returns this
// export instead of the module namespace, so `.configs` is there as with import. Nothing else is exported:
// ESLint and eslint-doc-generator take the default export or the require() result as the plugin object.
export { plugin as 'module.exports' };
