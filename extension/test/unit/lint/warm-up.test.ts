// The warm-up text must parse and run the rules to the end in both languages and module kinds: a text with a
// syntax error would stop at the parser and warm nothing else, silently. Its last lines hold one finding per
// rule, so that the reporting (problems, suggestions, fixes) is warmed too; everything before them is clean.
import { describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { DEFAULT_SETTINGS, RULE_NAMES } from '../../../src/lint/settings';
import { warmUpText } from '../../../src/lint/warm-up';

const settings = { rules: DEFAULT_SETTINGS.rules, strict: false };

describe('warm-up text', () => {
  const engine = new LintEngine();

  it.each([
    ['JavaScript', false, '/warm-up.js', 'commonjs'],
    ['JavaScript', false, '/warm-up.js', 'module'],
    ['TypeScript', true, '/warm-up.ts', 'module'],
    ['TypeScript', true, '/warm-up.ts', 'commonjs'],
  ] as const)('%s (%s, %s) parses, is not skipped, and reports each rule once in its last lines only', async (_language, typed, fileName, moduleKind) => {
    const text = warmUpText(typed);
    const lines = text.split('\n').length;
    expect(lines).toBeGreaterThan(250);
    const result = await engine.lint({ text, fileName, settings, moduleKind });
    expect(result.skipped).toBeUndefined();
    expect(result.syntaxError).toBeUndefined();
    expect(result.ruleFailures).toEqual([]);
    expect(new Set(result.problems.map((problem) => problem.ruleName))).toEqual(new Set(RULE_NAMES));
    for (const problem of result.problems) expect(problem.range.start.line).toBeGreaterThan(lines - 10);
    expect(result.problems.some((problem) => problem.suggestions.length > 0)).toBe(true);
  });
});
