// The plugin object: rules, flat configs and meta, as ESLint 9/10 load it.
import type { TSESLint } from '@typescript-eslint/utils';

import removeOnClose from './rules/remove-on-close.js';
import requireErrorListener from './rules/require-error-listener.js';
import timeoutEndsSocket from './rules/timeout-ends-socket.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './meta.js';

// Only the default export: eslint-doc-generator require()s the built plugin and, given named exports
// beside the default, would get the module namespace (no configs) instead of the plugin object.
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
  rules: Record<RuleId, TSESLint.LooseRuleDefinition>;
  configs: {
    recommended: TSESLint.FlatConfig.Config;
    strict: TSESLint.FlatConfig.Config;
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
  rules,
  configs: {} as SocketHygienePlugin['configs'],
};

// configs refer to the plugin object itself, as flat config wants
plugin.configs.recommended = {
  name: 'socket-hygiene/recommended',
  plugins: { 'socket-hygiene': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: recommendedRules,
};
plugin.configs.strict = {
  name: 'socket-hygiene/strict',
  plugins: { 'socket-hygiene': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: strictRules,
};

export default plugin;
