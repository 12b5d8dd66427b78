// The lint core (ESLint, the plugin, and later the TypeScript parser) is loaded on the first lint, never at
// activation; the build puts it in its own file (dist/lint.js) so activation does not even compile it.
import type * as LintCore from '../lint/index';

let loading: Promise<typeof LintCore> | undefined;

export function loadLintCore(): Promise<typeof LintCore> {
  loading ??= import('../lint/index.js');
  return loading;
}
