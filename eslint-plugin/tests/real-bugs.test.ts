// The real-bug suite (eslint-plugin/real-bugs, npm run real-bugs) as a ratchet: lints every case with the
// plugin from src and compares with the committed baseline.json. Recall only goes up: a case caught there
// must stay caught, a caught case's fix must lower the count, and clean files get no `recommended` report.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Baseline, baselineOf, droppedIds, ratchetProblems, readBaseline } from '../real-bugs/baseline.mjs';
import { readSuite, type Suite } from '../real-bugs/cases.mjs';
import { type BugResult, lintSuite, type SuiteLintResult } from '../real-bugs/lint.mjs';
import plugin from '../src/index.js';

const suite: Suite = readSuite();
const baseline = readBaseline();
let results: SuiteLintResult;

describe('the real-bug suite (npm run real-bugs)', () => {
  beforeAll(async () => {
    results = await lintSuite(suite, { plugin });
  }, 180_000);

  it('has well-formed cases only', () => {
    expect(suite.problems).toEqual([]);
    expect(suite.bugs.length).toBeGreaterThan(0);
  });

  it('lints every file without a parse error or a rule crash', () => {
    expect(results.errors).toEqual([]);
  });

  it('has a committed baseline.json (npm run build:plugin && npm run real-bugs -- --write-baseline)', () => {
    expect(
      baseline,
      'eslint-plugin/real-bugs/baseline.json is missing: the ratchet has nothing to hold recall to. ' +
        'Write today\'s results with `npm run build:plugin && npm run real-bugs -- --write-baseline` and commit it.',
    ).toBeDefined();
  });

  it('loses no caught case, every caught fix lowers the count, clean files stay silent in recommended', () => {
    expect(ratchetProblems(results, baseline)).toEqual([]);
  });
});

// The ratchet itself, on made-up results, so that the checks above are known to be able to fail.
describe('the ratchet', () => {
  const bug = (id: string, caught: boolean, fixLowers: boolean): BugResult => ({
    id,
    config: 'recommended',
    rule: 'require-error-listener',
    class: 0,
    batch: 1,
    singleFile: true,
    caught,
    beforeCount: 1,
    afterCount: fixLowers ? 0 : 1,
    fixLowers,
    beforeReports: [],
  });
  const resultsOf = (bugs: BugResult[], cleanReports = 0): SuiteLintResult => ({
    bugs: [...bugs, ...bugs.map((entry) => ({ ...entry, config: 'strict' as const }))],
    clean: [
      {
        id: 'lib-server',
        config: 'recommended',
        reports: Array.from({ length: cleanReports }, (_, index) => ({
          rule: 'require-error-listener',
          messageId: 'missingErrorListener',
          line: index + 1,
          column: 1,
        })),
      },
    ],
    errors: [],
  });
  const written: Baseline = baselineOf(resultsOf([bug('a', true, true), bug('b', true, false), bug('c', false, false)]));

  it('records caught ids, known fix exceptions and clean counts per config', () => {
    expect(written.caught).toEqual({ recommended: ['a', 'b'], strict: ['a', 'b'] });
    expect(written.fixSilent).toEqual({ recommended: ['b'], strict: ['b'] });
    expect(written.cleanReports.recommended).toEqual({ 'lib-server': 0 });
  });

  it('passes the same results, and a newly caught case whose fix lowers', () => {
    expect(ratchetProblems(resultsOf([bug('a', true, true), bug('b', true, false), bug('c', true, true)]), written)).toEqual([]);
  });

  it('fails a caught case that is missed now, or gone from the suite', () => {
    expect(ratchetProblems(resultsOf([bug('a', false, false), bug('c', false, false)]), written)).toEqual([
      'recommended: a was caught in the baseline and is missed now',
      'recommended: b was caught in the baseline and is no longer in the suite (cases are never removed)',
      'strict: a was caught in the baseline and is missed now',
      'strict: b was caught in the baseline and is no longer in the suite (cases are never removed)',
    ]);
  });

  it('fails a newly caught case whose fix does not lower the count', () => {
    const problems = ratchetProblems(resultsOf([bug('a', true, true), bug('b', true, false), bug('c', true, false)]), written);
    expect(problems).toContain('recommended: c is caught but its fix does not lower the require-error-listener count (1 before, 1 after)');
  });

  it('fails a clean file with a recommended report', () => {
    const problems = ratchetProblems(resultsOf([bug('a', true, true), bug('b', true, false)], 1), written);
    expect(problems).toEqual(['recommended: clean file lib-server gets require-error-listener/missingErrorListener at line 1']);
  });

  it('names the caught ids a new baseline would drop', () => {
    const next = baselineOf(resultsOf([bug('a', true, true), bug('b', false, false)]));
    expect(droppedIds(written, next)).toEqual(['recommended: b', 'strict: b']);
    expect(droppedIds(undefined, next)).toEqual([]);
  });
});

describe('reading the suite', () => {
  let root: string;
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('names what is wrong with a malformed case instead of linting it', () => {
    root = mkdtempSync(path.join(tmpdir(), 'real-bugs-'));
    const dir = path.join(root, 'bugs', 'pkg', 'pkg-1234567');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'before.js'), 'one\ntwo\n');
    writeFileSync(
      path.join(dir, 'case.json'),
      JSON.stringify({ id: 'pkg-7654321', package: 'pkg', repository: 'o/pkg', license: 'GPL-3.0', file: 'a.js', bugLines: [2, 9] }),
    );
    const read = readSuite(root);
    expect(read.bugs).toEqual([]);
    expect(read.problems).toEqual(
      expect.arrayContaining([
        'bugs/pkg: LICENSE missing',
        'bugs/pkg/pkg-1234567: id "pkg-7654321" does not match its folder pkg-1234567',
        'bugs/pkg/pkg-1234567: license must be one of MIT, ISC, BSD-2-Clause, BSD-3-Clause, Apache-2.0',
        'bugs/pkg/pkg-1234567: expected exactly one after.<js|mjs|cjs|ts> file, found none',
        'bugs/pkg/pkg-1234567: bugLines must be [first, last] with 1 <= first <= last <= 3 (lines of before)',
      ]),
    );
  });
});
