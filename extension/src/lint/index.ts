// The lint core of the extension, free of VS Code: what the diagnostics glue, the tests and the benchmark use.
import { LintEngine, type LintResult } from './engine';
import { DEFAULT_SETTINGS, type LintSettings } from './settings';

export { LintEngine, type LintRequest, type LintResult, type RuleFailure } from './engine';
export type { SocketProblem, Suggestion, TextEdit } from './problems';
export type { Position, Range } from './positions';
export { DEFAULT_SETTINGS, readSettings, type LintSettings } from './settings';

let sharedEngine: LintEngine | undefined;

/**
 * Lints a document text as the extension does (`fileName` decides parser and module kind; the settings default
 * to the extension's defaults) and returns the problems with editor ranges. The first call loads ESLint.
 */
export function lintAndConvert(
  text: string,
  fileName: string,
  settings: Pick<LintSettings, 'rules' | 'strict'> = DEFAULT_SETTINGS,
): Promise<LintResult> {
  sharedEngine ??= new LintEngine();
  return sharedEngine.lint({ text, fileName, settings });
}
