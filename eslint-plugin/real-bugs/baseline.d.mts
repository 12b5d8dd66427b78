// Types of baseline.mjs, for eslint-plugin/tests/real-bugs.test.ts.
import type { ConfigName, SuiteLintResult } from './lint.mjs';

export interface Baseline {
  /** The day it was written (YYYY-MM-DD). */
  written: string;
  /** Ids caught per config: they must stay caught. */
  caught: Record<ConfigName, string[]>;
  /** Caught ids whose fix did not lower the count when the baseline was written: known exceptions. */
  fixSilent: Record<ConfigName, string[]>;
  /** Reports per clean file and config. */
  cleanReports: Record<ConfigName, Record<string, number>>;
}

export const BASELINE_PATH: string;
export function readBaseline(file?: string): Baseline | undefined;
export function baselineOf(results: SuiteLintResult, date?: Date): Baseline;
export function ratchetProblems(results: SuiteLintResult, baseline: Baseline | undefined): string[];
export function droppedIds(previous: Baseline | undefined, next: Baseline): string[];
export function writeBaseline(baseline: Baseline, file?: string): void;
