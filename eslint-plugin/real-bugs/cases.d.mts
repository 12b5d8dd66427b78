// Types of cases.mjs, for eslint-plugin/tests/real-bugs.test.ts.
export type RuleName = 'remove-on-close' | 'timeout-ends-socket' | 'require-error-listener';

export interface BugCase {
  id: string;
  batch: number;
  package: string;
  repository: string;
  license: string;
  buggyCommit: string;
  fixCommit: string;
  buggyVersion: string;
  fixedVersion: string;
  file: string;
  bugLines: [number, number];
  rule: RuleName;
  class: number;
  why: string;
  singleFile: boolean;
  singleFileNote?: string;
  /** Paths of before.<ext> and after.<ext>, and their texts. */
  before: string;
  after: string;
  beforeText: string;
  afterText: string;
}

export interface CleanCase {
  id: string;
  package: string;
  repository: string;
  license: string;
  version: string;
  file: string;
  why: string;
  path: string;
  text: string;
}

export interface Suite {
  bugs: BugCase[];
  clean: CleanCase[];
  /** `<kind>/<package>/<case-id>: <what is wrong>`, one per malformed case. */
  problems: string[];
}

export const SUITE_DIR: string;
export const RULES: readonly RuleName[];
export const LICENSES: readonly string[];
export function readSuite(root?: string): Suite;
