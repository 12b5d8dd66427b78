// The repository's one annotation convention, checked on the fixtures themselves: every expected
// finding is a trailing line comment "expect: socket-hygiene/<rule-id>[, ...]" (the exact regex
// below), leaky fixtures have at least one, and nothing else (clean twins, helpers, the driver) has any.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from './support/fixture-process.js';

const annotation = /\/\/ expect: (socket-hygiene\/[a-z-]+(?:, *socket-hygiene\/[a-z-]+)*)\s*$/;
const ruleIds = new Set(['remove-on-close', 'timeout-ends-socket', 'require-error-listener']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['dist', 'build-check', 'node_modules'].includes(entry.name) ? [] : sources(full);
    return /\.(?:[cm]?js|[cm]?ts)$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) ? [full] : [];
  });
}

const files = sources(fixturesDir).map((file) => path.relative(fixturesDir, file));

function expectations(file: string): string[] {
  return readFileSync(path.join(fixturesDir, file), 'utf8')
    .split('\n')
    .flatMap((line) => (annotation.exec(line)?.[1] ?? '').split(',').filter(Boolean))
    .map((id) => id.trim());
}

describe('expect annotations', () => {
  it.each(files)('%s: every "expect:" comment has the exact format and a known rule id', (file) => {
    const lines = readFileSync(path.join(fixturesDir, file), 'utf8').split('\n');
    const malformed = lines.filter((line) => /\/\/\s*expect\b/i.test(line) && !annotation.test(line));
    expect(malformed).toEqual([]);
    for (const id of expectations(file)) expect(ruleIds).toContain(id.replace('socket-hygiene/', ''));
  });

  it('leaky fixtures expect at least one finding; every other file expects none', () => {
    const leaky = files.filter((file) => /(^|\/)leaky\.[cm]?[jt]s$/.test(file));
    expect(leaky.length).toBeGreaterThanOrEqual(10);
    for (const file of leaky) expect(expectations(file), file).not.toEqual([]);
    for (const file of files.filter((f) => !leaky.includes(f) && !f.startsWith('tests/'))) expect(expectations(file), file).toEqual([]);
  });

  it('every leaky fixture has a clean twin', () => {
    for (const file of files.filter((f) => /(^|\/)leaky\./.test(f))) {
      const dir = path.dirname(file);
      expect(files.some((f) => path.dirname(f) === dir && /(^|\/)clean\./.test(f)), file).toBe(true);
    }
  });
});
