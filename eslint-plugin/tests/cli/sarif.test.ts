// `--format sarif` validated against the SARIF 2.1.0 JSON schema (the copy @microsoft/jest-sarif ships).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ajvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

import { runCli } from './run-cli.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// unicodeRegExp off: the schema's language-tag pattern is not a valid regular expression in unicode mode
// a CommonJS module: its default export is module.exports, whose .default is the Ajv class
const validate = new ajvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(
  JSON.parse(readFileSync(schemaPath, 'utf8')) as object,
);

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }[] }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

function assertValid(log: unknown): asserts log is SarifLog {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

describe('--format sarif', () => {
  it('writes a SARIF 2.1.0 log of the fixtures that the schema accepts, one result per finding', async () => {
    const json = await runCli(['--format', 'json', 'test-fixtures'], repositoryRoot);
    const findings = (JSON.parse(json.stdout) as { messages: unknown[] }[]).reduce((sum, result) => sum + result.messages.length, 0);
    const run = await runCli(['--format', 'sarif', 'test-fixtures'], repositoryRoot);
    expect(run.code).toBe(1);
    const log: unknown = JSON.parse(run.stdout);
    assertValid(log);
    const [sarifRun] = log.runs;
    expect(sarifRun?.results).toHaveLength(findings);
    const rules = sarifRun?.tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toEqual(
      ['socket-hygiene/remove-on-close', 'socket-hygiene/require-error-listener', 'socket-hygiene/timeout-ends-socket'],
    );
    for (const result of sarifRun?.results ?? []) {
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      const { artifactLocation } = result.locations[0]!.physicalLocation;
      // relative to the linted root, forward slashes, resolvable in the repository
      expect(artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(artifactLocation.uri).toMatch(/^test-fixtures\/[^\\]+$/);
      expect(() => readFileSync(path.join(repositoryRoot, artifactLocation.uri))).not.toThrow();
    }
  });

  it('reports a file that does not parse as a tool notification, not as a rule result; a clean run is valid too', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-sarif-'));
    try {
      writeFileSync(path.join(root, 'broken.js'), 'const = ;\n');
      const run = await runCli(['--format', 'sarif'], root);
      expect(run.code).toBe(1);
      const log: unknown = JSON.parse(run.stdout);
      assertValid(log);
      expect(log.runs[0]?.results).toEqual([]);
      expect(log.runs[0]?.invocations[0]?.toolExecutionNotifications[0]?.message.text).toMatch(/Unexpected token/);

      writeFileSync(path.join(root, 'broken.js'), 'export const fine = 1;\n');
      const clean = await runCli(['--format', 'sarif'], root);
      expect(clean.code).toBe(0);
      assertValid(JSON.parse(clean.stdout));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps a finding turned off with an eslint-disable comment, as a suppressed result with its justification', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-sarif-'));
    try {
      const leaky = "import net from 'node:net';\n// eslint-disable-next-line socket-hygiene/require-error-listener -- the pool adds it\nnet.connect(80);\n";
      writeFileSync(path.join(root, 'client.js'), leaky);
      const run = await runCli(['--format', 'sarif'], root);
      expect(run.code).toBe(0);
      const log: unknown = JSON.parse(run.stdout);
      assertValid(log);
      expect(log.runs[0]?.results).toMatchObject([
        { ruleId: 'socket-hygiene/require-error-listener', suppressions: [{ kind: 'inSource', justification: 'the pool adds it' }] },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the schema rejects a log that breaks it (the check can fail)', () => {
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });
});
