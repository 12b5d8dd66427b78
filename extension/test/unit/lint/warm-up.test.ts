// The warm-up text must parse and run the rules to the end in both languages: a text with a syntax error would
// stop at the parser and warm nothing else, silently.
import { describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { DEFAULT_SETTINGS } from '../../../src/lint/settings';
import { warmUpText } from '../../../src/lint/warm-up';

const settings = { rules: DEFAULT_SETTINGS.rules, strict: false };

describe('warm-up text', () => {
  const engine = new LintEngine();

  it.each([
    ['JavaScript', false, '/warm-up.js', 'commonjs'],
    ['TypeScript', true, '/warm-up.ts', 'module'],
  ] as const)('%s parses, is not skipped, and is clean socket code', async (_language, typed, fileName, moduleKind) => {
    const text = warmUpText(typed);
    expect(text.split('\n').length).toBeGreaterThan(250);
    const result = await engine.lint({ text, fileName, settings, moduleKind });
    expect(result.skipped).toBeUndefined();
    expect(result.syntaxError).toBeUndefined();
    expect(result.ruleFailures).toEqual([]);
    expect(result.problems).toEqual([]);
  });
});
