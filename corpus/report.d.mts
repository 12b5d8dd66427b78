// Types of corpus/report.mjs, for eslint-plugin/tests/real-world.test.ts.
import type { CorpusLintResult } from './lint.mjs';

export type Verdict = 'true bug' | 'false positive' | 'debatable' | 'by design';

export interface VerdictEntry {
  hash: string;
  verdict: Verdict;
  reason: string;
}

export type ProblemKind = 'missing' | 'changed' | 'invalid' | 'recommendedFalsePositive' | 'stale' | 'crash' | 'parseError';

export const VERDICTS_PATH: string;
export const REPORT_PATH: string;
export const VERDICTS: readonly Verdict[];
export function loadVerdicts(file?: string): Record<string, VerdictEntry>;
export function checkVerdicts(
  result: CorpusLintResult,
  verdicts: Record<string, VerdictEntry>,
): { kind: ProblemKind; message: string }[];
export function renderReport(result: CorpusLintResult, verdicts: Record<string, VerdictEntry>): string;
