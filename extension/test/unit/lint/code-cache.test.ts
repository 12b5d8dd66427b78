// The TypeScript parser's code cache (worker/code-cache.ts): written once after the first load, used by the next
// one, never used for another text of the bundle, and a cache V8 rejects costs nothing but its time. Each load
// runs in a fresh Node process, as each worker is a fresh isolate: within one isolate V8's in-memory compilation
// cache would answer before the cache on disk is looked at.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(path.join(tmpdir(), 'socket-hygiene-code-cache-'));
const loader = path.join(root, 'code-cache.js');
beforeAll(async () => {
  const source = path.resolve(__dirname, '../../../src/lint/worker/code-cache.ts');
  await esbuild.build({ entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', outfile: loader, logLevel: 'silent' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Load {
  fromCache: boolean;
  parsed: unknown;
  file: string;
}

/** Loads `file` through the cache in a fresh process, calls its `parse`, then `save()` as the idle worker does. */
function load(file: string, cacheFolder: string): Load {
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(loader)});
    const loaded = requireWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(cacheFolder)});
    const out = { fromCache: loaded.fromCache, parsed: loaded.exports.parse('abc'), file: loaded.exports.file };
    loaded.save().then(() => process.stdout.write(JSON.stringify(out)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as Load;
}

/** A CommonJS module with a relative require (resolved beside the file). */
function writeModule(folder: string, answer: number): string {
  const file = path.join(folder, 'parser.js');
  writeFileSync(path.join(folder, 'helper.js'), 'module.exports = (x) => x * 2;\n');
  writeFileSync(file, `const double = require('./helper');\nexports.parse = function parse(text) { return { length: text.length, answer: double(${answer}) }; };\nexports.file = __filename;\n`);
  return file;
}

describe('requireWithCodeCache', () => {
  it('loads the module, writes the cache once idle, and compiles the next load from it', () => {
    const folder = mkdtempSync(path.join(root, 'a-'));
    const cacheFolder = path.join(folder, 'cache');
    const file = writeModule(folder, 21);
    expect(load(file, cacheFolder)).toEqual({ fromCache: false, parsed: { length: 3, answer: 42 }, file });
    expect(readdirSync(cacheFolder)).toHaveLength(1);
    expect(load(file, cacheFolder)).toEqual({ fromCache: true, parsed: { length: 3, answer: 42 }, file });
    expect(readdirSync(cacheFolder)).toHaveLength(1);
  });

  it('never uses the cache of another text of the bundle (same length), and removes the stale one', () => {
    const folder = mkdtempSync(path.join(root, 'b-'));
    const cacheFolder = path.join(folder, 'cache');
    load(writeModule(folder, 21), cacheFolder);
    const [oldCache] = readdirSync(cacheFolder);
    const updated = writeModule(folder, 12); // an update of the same length
    expect(load(updated, cacheFolder)).toMatchObject({ fromCache: false, parsed: { length: 3, answer: 24 } });
    expect(readdirSync(cacheFolder)).toHaveLength(1);
    expect(readdirSync(cacheFolder)).not.toContain(oldCache);
    expect(load(updated, cacheFolder)).toMatchObject({ fromCache: true, parsed: { length: 3, answer: 24 } });
  });

  it('loads correctly past a damaged cache and replaces it', () => {
    const folder = mkdtempSync(path.join(root, 'c-'));
    const cacheFolder = path.join(folder, 'cache');
    const file = writeModule(folder, 21);
    load(file, cacheFolder);
    const [cacheFile] = readdirSync(cacheFolder);
    writeFileSync(path.join(cacheFolder, cacheFile!), Buffer.alloc(64, 7));
    expect(load(file, cacheFolder)).toMatchObject({ fromCache: false, parsed: { length: 3, answer: 42 } });
    expect(load(file, cacheFolder)).toMatchObject({ fromCache: true, parsed: { length: 3, answer: 42 } });
  });

  it('works without a writable cache folder (it only loses the time the cache saves)', () => {
    const folder = mkdtempSync(path.join(root, 'd-'));
    const blocked = path.join(folder, 'not-a-folder');
    writeFileSync(blocked, '');
    expect(load(writeModule(folder, 21), blocked)).toMatchObject({ fromCache: false, parsed: { length: 3, answer: 42 } });
  });
});
