// The plugin's own `// socket-hygiene-disable-next-line <rule-id>[, <rule-id>]` comment: the editor
// writes it where the user's ESLint does not load this plugin (naming an unknown rule in an
// `eslint-disable` comment is an error there).
import type { TSESLint } from '@typescript-eslint/utils';

export const DIRECTIVE = 'socket-hygiene-disable-next-line';
const PREFIX = 'socket-hygiene/';
/** Stands for "every rule of the plugin" when the directive names none. */
const ALL = '*';

const cache = new WeakMap<object, ReadonlyMap<number, ReadonlySet<string>>>();

/** Line number → rule ids (without prefix) the directive on the previous line turns off. */
export function disabledLines(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlyMap<number, ReadonlySet<string>> {
  let lines = cache.get(sourceCode);
  if (!lines) {
    lines = parseDirectives(sourceCode);
    cache.set(sourceCode, lines);
  }
  return lines;
}

function parseDirectives(sourceCode: Readonly<TSESLint.SourceCode>): Map<number, Set<string>> {
  const lines = new Map<number, Set<string>>();
  if (!sourceCode.text.includes(DIRECTIVE)) return lines;
  for (const comment of sourceCode.getAllComments()) {
    const text = comment.value.trim();
    if (!text.startsWith(DIRECTIVE)) continue;
    const rest = text.slice(DIRECTIVE.length);
    if (rest !== '' && !/^\s/u.test(rest)) continue;
    // `-- reason` is a description, as in ESLint's own directives
    const list = rest.split(/\s--\s|\s--$/u)[0] ?? '';
    const ids = list
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '')
      .map((id) => (id.startsWith(PREFIX) ? id.slice(PREFIX.length) : id));
    const line = comment.loc.end.line + 1;
    let set = lines.get(line);
    if (!set) lines.set(line, (set = new Set()));
    for (const id of ids.length > 0 ? ids : [ALL]) set.add(id);
  }
  return lines;
}

/** Whether a report of `ruleId` starting on `line` is turned off by the plugin's directive. */
export function isDisabled(sourceCode: Readonly<TSESLint.SourceCode>, ruleId: string, line: number): boolean {
  const ids = disabledLines(sourceCode).get(line);
  return ids !== undefined && (ids.has(ruleId) || ids.has(ALL));
}
