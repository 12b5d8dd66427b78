// The extension's settings as plain data: what `socketHygiene.*` says, normalised, with the defaults of the manifest.

export const RULE_NAMESPACE = 'socket-hygiene';
export const RULE_NAMES = ['remove-on-close', 'timeout-ends-socket', 'require-error-listener'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export type RuleSetting = 'off' | 'warn' | 'error';
export type EnableSetting = 'auto' | boolean;
export type RunSetting = 'onType' | 'onSave';

export interface LintSettings {
  /** `"auto"` lints unless the workspace's own ESLint (through the ESLint extension) already runs the plugin. */
  enable: EnableSetting;
  run: RunSetting;
  /** Every rule of the plugin, keyed by its short name (`remove-on-close`). */
  rules: Record<RuleName, RuleSetting>;
  strict: boolean;
  exclude: string[];
  /** Milliseconds between the last keystroke and the lint under `onType`. */
  debounceMs: number;
  /** The body of an inserted 'error' listener (require-error-listener's `errorHandler`); '' keeps the plugin's own. */
  errorHandlerTemplate: string;
}

export const DEFAULT_DEBOUNCE_MS = 200;

export const DEFAULT_SETTINGS: LintSettings = {
  enable: 'auto',
  run: 'onType',
  rules: { 'remove-on-close': 'warn', 'timeout-ends-socket': 'warn', 'require-error-listener': 'warn' },
  strict: false,
  exclude: [],
  debounceMs: DEFAULT_DEBOUNCE_MS,
  errorHandlerTemplate: '',
};

/** `socket-hygiene/remove-on-close` → `remove-on-close`; anything not ours → undefined. */
export function ruleNameOf(ruleId: string): RuleName | undefined {
  const short = ruleId.startsWith(`${RULE_NAMESPACE}/`) ? ruleId.slice(RULE_NAMESPACE.length + 1) : ruleId;
  return (RULE_NAMES as readonly string[]).includes(short) ? (short as RuleName) : undefined;
}

export function ruleIdOf(ruleName: string): string {
  return `${RULE_NAMESPACE}/${ruleName}`;
}

function isRuleSetting(value: unknown): value is RuleSetting {
  return value === 'off' || value === 'warn' || value === 'error';
}

/**
 * Reads raw values (as `WorkspaceConfiguration.get` returns them, possibly hand-edited JSON) into settings.
 * A value of the wrong shape falls back to its default rather than disabling the extension.
 */
export function readSettings(raw: {
  enable?: unknown;
  run?: unknown;
  rules?: unknown;
  strict?: unknown;
  exclude?: unknown;
  debounceMs?: unknown;
  errorHandlerTemplate?: unknown;
}): LintSettings {
  const enable: EnableSetting =
    raw.enable === true || raw.enable === false || raw.enable === 'auto'
      ? raw.enable
      : raw.enable === 'true'
        ? true
        : raw.enable === 'false'
          ? false
          : DEFAULT_SETTINGS.enable;
  const run: RunSetting = raw.run === 'onSave' || raw.run === 'onType' ? raw.run : DEFAULT_SETTINGS.run;
  const rules = { ...DEFAULT_SETTINGS.rules };
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [key, value] of Object.entries(raw.rules as Record<string, unknown>)) {
      const name = ruleNameOf(key);
      if (name && isRuleSetting(value)) rules[name] = value;
    }
  }
  const strict = raw.strict === true;
  const exclude = Array.isArray(raw.exclude)
    ? raw.exclude.filter((pattern): pattern is string => typeof pattern === 'string' && pattern.trim() !== '')
    : [];
  const debounceMs =
    typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0
      ? raw.debounceMs
      : DEFAULT_SETTINGS.debounceMs;
  const errorHandlerTemplate = typeof raw.errorHandlerTemplate === 'string' && raw.errorHandlerTemplate.trim() !== '' ? raw.errorHandlerTemplate : '';
  return { enable, run, rules, strict, exclude, debounceMs, errorHandlerTemplate };
}

/** The settings that change what the linter reports; two settings with the same key lint alike. */
export function lintConfigKey(settings: Pick<LintSettings, 'rules' | 'strict'> & Partial<Pick<LintSettings, 'errorHandlerTemplate'>>): string {
  return JSON.stringify([settings.strict, RULE_NAMES.map((name) => settings.rules[name]), settings.errorHandlerTemplate ?? '']);
}
