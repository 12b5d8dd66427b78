// minimatch leaves the extension bundle for dist/minimatch.js, which is required only when a pattern is matched:
// built as scripts/build-extension.mjs builds them, side by side in a temporary folder, the bundled exclude.ts
// still matches as minimatch does, and loads nothing until it has a pattern to match.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lazyMinimatch, minimatchBundle } from '../lazy-minimatch.mjs';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'], absWorkingDir: repositoryRoot, logLevel: 'silent' };
const folder = mkdtempSync(path.join(os.tmpdir(), 'lazy-minimatch-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function build(entryPoints, plugins) {
  const result = await esbuild.build({ ...common, entryPoints, write: false, plugins });
  return result.outputFiles[0].text;
}

describe('lazy-minimatch', () => {
  it('keeps minimatch out of the extension bundle, required from ./minimatch.js inside a function only', async () => {
    const without = await build(['extension/src/extension.ts'], []);
    const withLazy = await build(['extension/src/extension.ts'], [lazyMinimatch]);
    expect(without).toMatch(/node_modules\/minimatch\//);
    expect(withLazy).not.toMatch(/node_modules\/(minimatch|brace-expansion)\//);
    expect(withLazy).toMatch(/loaded \?\?= require\("\.\/minimatch\.js"\)/);
    expect(withLazy.length).toBeLessThan(without.length - 20_000);
  });

  it('matches through the bundle beside it, and loads it only on the first pattern', async () => {
    writeFileSync(path.join(folder, 'exclude.js'), await build(['extension/src/lint/exclude.ts'], [lazyMinimatch]));
    await esbuild.build({ ...minimatchBundle(common, false), outfile: path.join(folder, 'minimatch.js') });
    const require = createRequire(import.meta.url);
    const { isExcluded } = require(path.join(folder, 'exclude.js'));
    const minimatchPath = path.join(folder, 'minimatch.js');
    expect(isExcluded([], 'dist/server.js')).toBe(false);
    expect(require.cache[minimatchPath]).toBeUndefined();
    expect(isExcluded(['dist'], 'dist/server.js')).toBe(true);
    expect(isExcluded(['**/*.gen.js'], 'src/.hidden/a.gen.js')).toBe(true);
    expect(isExcluded(['{build,out}/**'], 'src/server.js')).toBe(false);
    expect(require.cache[minimatchPath]).toBeDefined();
  });

  it('is the extension bundle’s plugin in scripts/build-extension.mjs, and dist/minimatch.js is in the .vsix allow-list', async () => {
    const { readFile } = await import('node:fs/promises');
    const script = await readFile(path.join(repositoryRoot, 'scripts/build-extension.mjs'), 'utf8');
    expect(script).toMatch(/plugins: \[[^\]]*lazyMinimatch[^\]]*\]/);
    expect(script).toMatch(/minimatchBundle\(common, production\)/);
    const allowList = await readFile(path.join(repositoryRoot, '.vscodeignore'), 'utf8');
    expect(allowList.split('\n')).toContain('!dist/minimatch.js');
  });
});
