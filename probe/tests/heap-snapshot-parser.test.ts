// The streaming heap snapshot reader against JSON.parse of the same real snapshot text, fed in chunks cut
// at awkward places: inside numbers, inside strings and their escapes.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HeapSnapshotParser } from '../src/retention/heap-snapshot-parser.js';

// A small program's snapshot, with strings that need escapes (quotes, backslashes, control characters)
// and characters outside ASCII (V8 writes those as \u escapes, so a cut can fall inside one).
const text = execFileSync(
  process.execPath,
  [
    '-e',
    `globalThis.keep = ['quote " back \\\\ slash', 'tab\\tnew\\nline', 'ünïcödé ✓ 🧦', '\\u0001', 'ends in a backslash \\\\'];
     const s = require('v8').getHeapSnapshot(); s.pipe(process.stdout);`,
  ],
  { maxBuffer: 256 * 1024 * 1024 },
);
const expected = JSON.parse(text.toString('utf8'));

function parseInChunks(sizes: () => number, source: Buffer = text) {
  const parser = new HeapSnapshotParser();
  for (let at = 0; at < source.length; ) {
    const size = sizes();
    parser.write(source.subarray(at, at + size));
    at += size;
  }
  return parser.end();
}

/** A seeded generator of chunk sizes from 1 to `largest`. */
function randomSizes(seed: number, largest: number) {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state % largest) + 1;
  };
}

describe('reads what JSON.parse reads, whatever the chunk boundaries', () => {
  it.each([
    { cut: 'in 64 KiB chunks (as V8 sends them)', sizes: () => 65536 },
    { cut: 'in random chunks of 1 to 4093 bytes', sizes: randomSizes(7, 4093) },
    { cut: 'in random chunks of 1 to 13 bytes', sizes: randomSizes(11, 13) },
    { cut: 'in chunks of 61 bytes', sizes: () => 61 },
  ])('$cut', ({ sizes }) => {
    const parsed = parseInChunks(sizes);
    expect(parsed.meta).toEqual(expected.snapshot.meta);
    expect(parsed.nodeCount).toBe(expected.snapshot.node_count);
    expect(parsed.edgeCount).toBe(expected.snapshot.edge_count);
    expect(parsed.nodes).toBeInstanceOf(Uint32Array);
    expect(parsed.nodes).toEqual(Uint32Array.from(expected.nodes));
    expect(parsed.edges).toEqual(Uint32Array.from(expected.edges));
    expect(parsed.locations).toEqual(Uint32Array.from(expected.locations));
    expect(parsed.strings.length).toBe(expected.strings.length);
    const strings = Array.from({ length: parsed.strings.length }, (_, index) => parsed.strings.get(index));
    expect(strings).toEqual(expected.strings);
    for (const kept of ['quote " back \\ slash', 'tab\tnew\nline', '\u0001', 'ends in a backslash \\']) {
      expect(strings).toContain(kept);
    }
    expect(strings.some((string) => string.startsWith('ünïcödé ✓ '))).toBe(true); // (V8 mangles the 🧦 itself)
  }, 120_000);
});

it('the text has what the cuts are meant to hit: escapes, \\u escapes, long numbers', () => {
  const raw = text.toString('latin1');
  expect(raw).toContain('quote \\" back \\\\ slash');
  expect(raw).toContain('\\u0001');
  expect(raw).toMatch(/\\u00fcn\\u00efc\\u00f6d\\u00e9 \\u2713/i); // ünïcödé ✓
  expect(raw).toMatch(/[,[]\d{6,}/);
});

it('finds strings by their text without decoding the table', () => {
  const parsed = parseInChunks(() => 65536);
  const unicode = expected.strings.find((string: string) => string.startsWith('ünïcödé ✓ '));
  const found = parsed.strings.indicesOf([unicode, 'tab\tnew\nline', 'context', 'no such string in any heap']);
  expect(expected.strings[found.get(unicode)!]).toBe(unicode);
  expect(expected.strings[found.get('tab\tnew\nline')!]).toBe('tab\tnew\nline');
  expect(found.get('context')).toBe(expected.strings.indexOf('context'));
  expect(found.get('no such string in any heap')).toBe(-1);
  const prefixed = [...parsed.strings.startingWith('quote')].map((index) => expected.strings[index]);
  expect(prefixed).toContain('quote " back \\ slash');
  expect(prefixed.every((string: string) => string.startsWith('quote'))).toBe(true);
});

describe('says what is wrong with a text it cannot read', () => {
  it('one that ends early', () => {
    const parser = new HeapSnapshotParser();
    parser.write(text.subarray(0, text.length >> 1));
    expect(() => parser.end()).toThrow(/ended early/);
  });

  it('one whose tables would be over the memory limit, as soon as the header is read', () => {
    const parser = new HeapSnapshotParser({ maxTableBytes: 1024 });
    expect(() => parser.write(text.subarray(0, 4096))).toThrow(/nodes and .* edges: .* over the analysis limit/);
  });

  it('one with more numbers than its header says', () => {
    const header = JSON.stringify({ snapshot: { ...expected.snapshot, node_count: 1 } });
    const source = Buffer.from(`${header.slice(0, -1)},"nodes":[${expected.nodes.slice(0, 14).join(',')}]}`);
    expect(() => parseInChunks(() => 100, source)).toThrow(/more nodes than its header says/);
  });

  it('one with something other than numbers in a number table', () => {
    const source = Buffer.from(`{"snapshot":${JSON.stringify(expected.snapshot)},"nodes":[1,2,-3]}`);
    expect(() => parseInChunks(() => 100, source)).toThrow(/"nodes" holds "-"/);
  });
});
