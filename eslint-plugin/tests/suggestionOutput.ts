/** The test's code with `lines` inserted after line `after` (1-based): how most suggestions read. */
export function insertLines(code: string, after: number, lines: readonly string[]): string {
  const all = code.split('\n');
  all.splice(after, 0, ...lines);
  return all.join('\n');
}

/** The test's code with line `at` (1-based) replaced by `lines`. */
export function replaceLine(code: string, at: number, lines: readonly string[]): string {
  const all = code.split('\n');
  all.splice(at - 1, 1, ...lines);
  return all.join('\n');
}
