// Types of corpus/lint.mjs, for eslint-plugin/tests/real-world.test.ts.
export type ConfigName = 'recommended' | 'strict';

export interface CorpusFinding {
  /** `<package>/<file>:<line> <rule>/<messageId>`: the key of its verdict. */
  key: string;
  package: string;
  version: string;
  /** Package-relative file name, the package included (`ws/lib/websocket.js`). */
  file: string;
  line: number;
  column: number;
  endLine: number;
  ruleId: string;
  messageId: string;
  message: string;
  /** The reported line, trimmed. */
  lineText: string;
  /** lineHash(lineText). */
  hash: string;
  configs: ConfigName[];
}

export interface CorpusLintResult {
  packages: { name: string; version: string; files: number; lines: number }[];
  files: number;
  lines: number;
  findings: CorpusFinding[];
  parseErrors: { file: string; config: ConfigName; line: number; message: string }[];
  crashes: { file: string; config: ConfigName; message: string }[];
  ms: Record<ConfigName, number>;
}

export const CONFIG_NAMES: readonly ConfigName[];
export function lineHash(lineText: string): string;
export function findingKey(finding: { file: string; line: number; ruleId: string; messageId: string }): string;
export function lintCorpus(options?: {
  plugin?: { configs: Record<ConfigName, unknown> };
  corpus?: unknown[];
}): Promise<CorpusLintResult>;
