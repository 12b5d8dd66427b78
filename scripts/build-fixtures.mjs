// Compiles the TypeScript fixtures with esbuild, since Node 20 cannot run TypeScript:
//   test-fixtures/<topic>/<name>.ts|.cts -> test-fixtures/dist/<topic>/<name>.js   (CommonJS, as tsc sees them)
//   test-fixtures/<topic>/<name>.mts     -> test-fixtures/dist/<topic>/<name>.mjs  (ESM)
// and copies test-fixtures/lib/ beside them so that `../lib/status-endpoint.cjs` resolves from dist.
// Each file is written to a temporary name and renamed, so test workers that build at the same
// time never read a half-written fixture.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test-fixtures');
const distDir = path.join(fixturesDir, 'dist');
const skippedDirs = new Set(['dist', 'build-check', 'node_modules', 'tests', 'lib']);

async function sourcesIn(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name)) found.push(...(await sourcesIn(full)));
    } else if (/\.[cm]?ts$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

async function writeAtomically(file, contents) {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

async function compile(entryPoints, format, extension) {
  if (entryPoints.length === 0) return [];
  const result = await esbuild.build({
    entryPoints,
    outdir: distDir,
    outbase: fixturesDir,
    outExtension: { '.js': extension },
    format,
    platform: 'node',
    target: 'node20',
    bundle: false,
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
  });
  await Promise.all(result.outputFiles.map((output) => writeAtomically(output.path, output.contents)));
  return result.outputFiles.map((output) => output.path);
}

async function copyLib() {
  const libDir = path.join(fixturesDir, 'lib');
  const copied = [];
  for (const name of await readdir(libDir)) {
    if (!name.endsWith('.cjs')) continue;
    const target = path.join(distDir, 'lib', name);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await copyFile(path.join(libDir, name), temporary);
    await rename(temporary, target);
    copied.push(target);
  }
  return copied;
}

/** Builds every TypeScript fixture; resolves with the files written. */
export async function buildFixtures() {
  const sources = await sourcesIn(fixturesDir);
  const written = await Promise.all([
    compile(sources.filter((file) => !file.endsWith('.mts')), 'cjs', '.js'),
    compile(sources.filter((file) => file.endsWith('.mts')), 'esm', '.mjs'),
    copyLib(),
  ]);
  return written.flat();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const written = await buildFixtures();
  const ms = Math.round(performance.now() - started);
  console.log(`build-fixtures: ${written.length} files in ${path.relative(process.cwd(), distDir) || distDir} (${ms} ms)`);
}
