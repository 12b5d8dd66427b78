// The editor shows what `eslint` shows: every `// expect: socket-hygiene/<rule>` annotation of the fixtures is
// one problem of that rule on that line, through the extension's own lint path (the real plugin, as bundled).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { DEFAULT_SETTINGS } from '../../../src/lint/settings';
// @ts-expect-error: a plain .mjs helper shared with scripts/lint-fixtures.mjs, without type declarations
import { matchFindings, readExpectations, repositoryRoot } from '../../../../scripts/lib/fixture-expectations.mjs';

interface Expectation {
  line: number;
  ruleId: string;
}
type Match = (expectations: Expectation[], messages: { ruleId: string; line: number; endLine: number }[]) => { missing: unknown[]; unexpected: unknown[] };

const root = repositoryRoot as string;
const fixtures = [
  'set-no-removal/leaky.js',
  'set-no-removal/clean.js',
  'map-end-only/leaky.mjs',
  'map-end-only/clean.mjs',
  'object-end-only/leaky.cjs',
  'object-end-only/clean.cjs',
  'array-no-removal/leaky.ts',
  'array-no-removal/clean.ts',
  'socket-without-error-listener/leaky.js',
  'socket-without-error-listener/clean.js',
  'server-without-error-listener/leaky.cjs',
  'client-without-error-listener/leaky.mjs',
  'http-request-without-handlers/leaky.ts',
  'timeout-logs-only/leaky.mjs',
  'timeout-no-handler/leaky.js',
  'http-timeout-never-destroys/leaky.mts',
  'connection-manager/connection-manager.ts',
];

const engine = new LintEngine();

describe('the fixtures through the extension lint path', () => {
  it.each(fixtures)('%s', async (fixture) => {
    const fileName = path.join(root, 'test-fixtures', fixture);
    const text = readFileSync(fileName, 'utf8');
    const result = await engine.lint({ text, fileName, settings: DEFAULT_SETTINGS });
    expect(result.syntaxError).toBeUndefined();
    expect(result.ruleFailures).toEqual([]);
    // Rules the plugin does not ship yet cannot report; their annotations are checked once they exist.
    const shipped = (ruleId: string) => engine.hasRule(ruleId.replace('socket-hygiene/', ''));
    const expectations = (readExpectations as (text: string) => Expectation[])(text).filter((expectation) => shipped(expectation.ruleId));
    const messages = result.problems.map((problem) => ({ ruleId: problem.ruleId, line: problem.range.start.line + 1, endLine: problem.range.end.line + 1 }));
    const { missing, unexpected } = (matchFindings as Match)(expectations, messages);
    expect({ missing, unexpected }).toEqual({ missing: [], unexpected: [] });
    for (const problem of result.problems) {
      expect(problem.docsUrl).toMatch(/^https?:\/\//);
      expect(problem.severity).toBe('warn');
    }
  });
});
