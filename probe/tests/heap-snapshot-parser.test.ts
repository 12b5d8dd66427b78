// The streaming heap snapshot reader against JSON.parse of the same text, cut at awkward places:
// inside numbers, inside strings and their escapes, inside multi-byte UTF-8 characters.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { HeapSnapshotParser } from '../src/retention/heap-snapshot-parser.js';

// A small program's snapshot, with strings that need escapes and multi-byte characters.
const text = execFileSync(
  process.execPath,
  [
    '-e',
    `globalThis.keep = ['quote " back \\\\ slash', 'tab\\tnew\\nline', 'ünïcödé ✓ 🧦', '\\u0001'];
     const s = require('v8').getHeapSnapshot(); s.pipe(process.stdout);`,
  ],
  { maxBuffer: 256 * 1024 * 1024 },
);

function parseInChunks(sizes: () => number) {
  const parser = new HeapSnapshotParser();
  for (let at = 0; at < text.length; ) {
    const size = sizes();
    parser.write(text.subarray(at, at + size));
    at += size;
  }
  return parser.end();
}

it('reads what JSON.parse reads, whatever the chunk boundaries', () => {
  const expected = JSON.parse(text.toString('utf8'));
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) % 4093 + 1;
  for (const sizes of [() => 65536, random, () => 61]) {
    const parsed = parseInChunks(sizes);
    expect(parsed.meta).toEqual(expected.snapshot.meta);
    expect(parsed.nodeCount).toBe(expected.snapshot.node_count);
    expect(Array.from(parsed.nodes)).toEqual(expected.nodes);
    expect(Array.from(parsed.edges)).toEqual(expected.edges);
    expect(Array.from(parsed.locations)).toEqual(expected.locations);
    expect(parsed.strings).toEqual(expected.strings);
    expect(parsed.strings.some((string) => string.startsWith('ünïcödé ✓'))).toBe(true);
    expect(parsed.strings).toContain('quote " back \\ slash');
  }
}, 120_000);

it('says so when the text ends early', () => {
  const parser = new HeapSnapshotParser();
  parser.write(text.subarray(0, text.length >> 1));
  expect(() => parser.end()).toThrow(/ended early/);
});
