// The skip before parsing must never skip a file the rules report on: every invalid case of the rules' own
// RuleTester tables and every leaky fixture passes the check; plain code naming no socket API does not.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { mayNameSocketApi } from '../../../src/lint/socket-api-hint';
// @ts-expect-error: a plain .mjs helper of the benchmark, without type declarations
import { plainFixture } from '../../../../bench/lib/editor-fixtures.mjs';

interface Collected {
  rule: string;
  valid: { code: string }[];
  invalid: { code: string; name?: string }[];
}

const tables = vi.hoisted(() => [] as Collected[]);

// The rule test files call runRuleTests at load (a rule may have several files, one per topic): collect
// their tables instead of running them.
vi.mock('../../../../eslint-plugin/tests/ruleTester.js', async (importOriginal) => {
  const original = await importOriginal<Record<string, unknown>>();
  return {
    ...original,
    runRuleTests: (rule: string, _module: unknown, tests: { valid: Collected['valid']; invalid: Collected['invalid'] }) => {
      tables.push({ rule, valid: tests.valid, invalid: tests.invalid });
    },
  };
});

const repositoryRoot = path.resolve(__dirname, '../../../..');

describe('mayNameSocketApi', () => {
  it('passes every invalid case of the rules’ RuleTester tables', async () => {
    // Loaded by path, not named in an import: the extension's typecheck stays out of the plugin's sources.
    const rulesTests = path.join(repositoryRoot, 'eslint-plugin', 'tests', 'rules');
    for (const file of readdirSync(rulesTests).filter((name) => name.endsWith('.test.ts'))) {
      await import(path.join(rulesTests, file));
    }
    expect([...new Set(tables.map((table) => table.rule))].sort()).toEqual(['remove-on-close', 'require-error-listener', 'timeout-ends-socket']);
    const invalid = tables.flatMap((table) => table.invalid.map((testCase) => ({ rule: table.rule, ...testCase })));
    expect(invalid.length).toBeGreaterThan(50);
    const skipped = invalid.filter((testCase) => !mayNameSocketApi(testCase.code)).map((testCase) => `${testCase.rule}: ${testCase.name ?? testCase.code}`);
    expect(skipped).toEqual([]);
  });

  it('passes every leaky fixture', () => {
    const root = path.join(repositoryRoot, 'test-fixtures');
    const leaky = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => readdirSync(path.join(root, entry.name)).filter((file) => file.startsWith('leaky.')).map((file) => path.join(root, entry.name, file)));
    expect(leaky.length).toBeGreaterThanOrEqual(11);
    expect(leaky.filter((file) => !mayNameSocketApi(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it.each([
    ["require('net')", true],
    ['import http from "node:http";', true],
    ["import type { Socket } from 'node:tls';", true],
    ["new (require('ws'))(url)", true],
    ["app.on('upgrade', (req, socket, head) => {})", true],
    ["require('n\\x65t')", true],
    ["require('n' + 'et')", true],
    ["require(`${'net'}`)", true],
    ['const total = items.reduce((sum, item) => sum + item.price, 0);', false],
    ["fetch('https://example.com/network'); const internet = 'http://x';", false],
    ["import { readFile } from 'node:fs';", false],
  ])('%s → %s', (text, expected) => {
    expect(mayNameSocketApi(text)).toBe(expected);
  });

  it('skips the benchmark’s 2,000-line file of ordinary code', () => {
    const plain = (plainFixture as (lines: number) => string)(2000);
    expect(plain.split('\n').length).toBe(2001);
    expect(mayNameSocketApi(plain)).toBe(false);
  });
});
