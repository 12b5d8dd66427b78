// The rules on real code nobody here wrote (corpus/): lints it once per config with the plugin from src,
// and keeps eslint-plugin/docs/real-world.verdicts.json and real-world.md in step with what they report.
import { readFileSync } from 'node:fs';

import { beforeAll, describe, expect, it } from 'vitest';

import { type CorpusLintResult, lintCorpus } from '../../corpus/lint.mjs';
import { checkVerdicts, loadVerdicts, type ProblemKind, renderReport, REPORT_PATH } from '../../corpus/report.mjs';
import plugin from '../src/index.js';

let result: CorpusLintResult;
let problems: { kind: ProblemKind; message: string }[];
const verdicts = loadVerdicts();
const messagesOf = (...kinds: ProblemKind[]): string[] =>
  problems.filter((problem) => kinds.includes(problem.kind)).map((problem) => problem.message);

describe('the rules on the corpus (npm run real-world)', () => {
  beforeAll(async () => {
    result = await lintCorpus({ plugin });
    problems = checkVerdicts(result, verdicts);
  }, 180_000);

  it('lints every file of the corpus without a parse error or a rule crash', () => {
    expect(result.files).toBeGreaterThan(500);
    expect(messagesOf('crash', 'parseError')).toEqual([]);
  });

  it('has a verdict, with a reason, for every finding, and for its current line', () => {
    expect(messagesOf('missing', 'changed', 'invalid')).toEqual([]);
  });

  it('has no verdict left without a finding (stale)', () => {
    expect(messagesOf('stale')).toEqual([]);
  });

  it('has no false positive in recommended', () => {
    expect(messagesOf('recommendedFalsePositive')).toEqual([]);
  });

  it('docs/real-world.md is up to date with the findings and verdicts', () => {
    expect(readFileSync(REPORT_PATH, 'utf8')).toBe(renderReport(result, verdicts));
  });
});
