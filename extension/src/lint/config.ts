// The flat config the extension lints with: the plugin's `recommended` (or `strict`) rule options, the
// severities of `socketHygiene.rules`, and language options that follow how Node would load the file.
import type { ESLint, Linter } from 'eslint';
import globals from 'globals';
import type { ModuleKind } from './module-kind';
import { RULE_NAMESPACE, RULE_NAMES, ruleIdOf, type LintSettings } from './settings';

/** What the extension needs of the plugin's default export. */
export interface SocketHygienePlugin {
  meta?: { name?: string; version?: string };
  rules: Record<string, { meta?: { docs?: { url?: string } } }>;
  configs: Partial<Record<'recommended' | 'strict', Linter.Config | Linter.Config[]>>;
}

/** The file patterns the config applies to: every name the engine passes to `verify`. */
export const LINTED_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs', '**/*.jsx', '**/*.ts', '**/*.cts', '**/*.mts', '**/*.tsx'];

/** Rule options (everything after the severity) of the chosen plugin config, by rule id. */
export function ruleOptionsOf(plugin: SocketHygienePlugin, strict: boolean): Map<string, unknown[]> {
  const chosen: Linter.Config | Linter.Config[] | undefined = plugin.configs[strict ? 'strict' : 'recommended'];
  const options = new Map<string, unknown[]>();
  for (const config of Array.isArray(chosen) ? chosen : chosen ? [chosen] : []) {
    for (const [ruleId, entry] of Object.entries(config.rules ?? {})) {
      if (!ruleId.startsWith(`${RULE_NAMESPACE}/`)) continue;
      options.set(ruleId, Array.isArray(entry) ? entry.slice(1) : []);
    }
  }
  return options;
}

/** The settings that shape the config (callers that pass the whole LintSettings carry the template). */
export type ConfigSettings = Pick<LintSettings, 'rules' | 'strict'> & Partial<Pick<LintSettings, 'errorHandlerTemplate'>>;

/** The rules entry of the config: each rule at the severity of the settings, with the chosen config's options. */
export function rulesFor(plugin: SocketHygienePlugin, settings: ConfigSettings): Linter.RulesRecord {
  const options = ruleOptionsOf(plugin, settings.strict);
  if (settings.errorHandlerTemplate) {
    // socketHygiene.errorHandlerTemplate becomes the rule's own option, so the editor inserts what the CLI would.
    const ruleId = ruleIdOf('require-error-listener');
    const [first, ...rest] = options.get(ruleId) ?? [];
    options.set(ruleId, [{ ...(first as object | undefined), errorHandler: settings.errorHandlerTemplate }, ...rest]);
  }
  const rules: Linter.RulesRecord = {};
  for (const name of RULE_NAMES) {
    const ruleId = ruleIdOf(name);
    if (!(name in plugin.rules)) continue;
    const severity = settings.rules[name];
    rules[ruleId] = severity === 'off' ? 'off' : [severity, ...(options.get(ruleId) ?? [])];
  }
  return rules;
}

export interface FileLanguage {
  moduleKind: ModuleKind;
  /** `@typescript-eslint/parser` for TypeScript files, undefined (espree) for JavaScript. */
  parser?: Linter.Parser;
  jsx: boolean;
}

/**
 * `@typescript-eslint/parser` options beyond ESLint's. The editor gives the parser no type information, so nothing
 * reads the ESTree-to-TypeScript node maps (the plugin uses them only through a type-aware program: model.ts);
 * not building them cuts about 12 % of every TypeScript parse (bench/README.md, tsFirstLintMs).
 */
export const TYPESCRIPT_PARSER_OPTIONS = { preserveNodeMaps: false } as const;

/** Language options as Node would run the file: its module system and Node's globals, the latest syntax. */
export function languageOptionsFor(file: FileLanguage): Linter.LanguageOptions {
  const languageOptions: Linter.LanguageOptions = {
    ecmaVersion: 'latest',
    sourceType: file.moduleKind,
    globals: file.moduleKind === 'commonjs' ? { ...globals.node } : { ...globals.nodeBuiltin },
    parserOptions: { ecmaFeatures: { jsx: file.jsx } },
  };
  if (file.parser) {
    languageOptions.parser = file.parser;
    languageOptions.parserOptions = { ...languageOptions.parserOptions, ...TYPESCRIPT_PARSER_OPTIONS };
  }
  return languageOptions;
}

export function configFor(
  plugin: SocketHygienePlugin,
  settings: ConfigSettings,
  file: FileLanguage,
): Linter.Config[] {
  return [
    {
      files: LINTED_FILES,
      plugins: { [RULE_NAMESPACE]: plugin as unknown as ESLint.Plugin },
      // The user's own disable comments name rules this linter does not run; their ESLint reports unused ones.
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      languageOptions: languageOptionsFor(file),
      rules: rulesFor(plugin, settings),
    },
  ];
}
