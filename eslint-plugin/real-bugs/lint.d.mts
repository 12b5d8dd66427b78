// Types of lint.mjs, for eslint-plugin/tests/real-bugs.test.ts.
import type { RuleName, Suite } from './cases.mjs';

export type ConfigName = 'recommended' | 'strict';

export interface Report {
  rule: string;
  messageId: string | undefined;
  line: number;
  column: number;
}

export interface BugResult {
  id: string;
  config: ConfigName;
  rule: RuleName;
  class: number;
  batch: number;
  singleFile: boolean;
  /** before.<ext> gets a report of the case's rule inside bugLines. */
  caught: boolean;
  beforeCount: number;
  afterCount: number;
  /** after.<ext> gets fewer reports of the case's rule than before.<ext>. */
  fixLowers: boolean;
  beforeReports: Report[];
}

export interface CleanResult {
  id: string;
  config: ConfigName;
  reports: Report[];
}

export interface SuiteLintResult {
  bugs: BugResult[];
  clean: CleanResult[];
  /** Parse errors and rule crashes, one sentence each. */
  errors: string[];
}

export interface Cell {
  caught: number;
  total: number;
  fixLowers: number;
}

export const CONFIG_NAMES: readonly ConfigName[];
export function lintSuite(
  suite: Pick<Suite, 'bugs' | 'clean'>,
  options?: { plugin?: { configs: Record<ConfigName, unknown> } },
): Promise<SuiteLintResult>;
export function figures(bugResults: BugResult[], key?: 'rule' | 'class' | 'batch'): Map<string, Partial<Record<ConfigName, Cell>>>;
