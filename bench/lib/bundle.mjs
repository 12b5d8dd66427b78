// The extension's TypeScript compiled for the benchmarks with the extension's own esbuild settings, into a
// temporary folder: the lint core exactly as dist/lint.js is built (scripts/lint-bundles.mjs, production),
// and small entry points over the panel's pure modules. Nothing is written into dist/.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { lintBundles } from '../../scripts/lint-bundles.mjs';
import { benchRoot } from './figures.mjs';

const repoRoot = path.dirname(benchRoot);

/** The options every bundle of scripts/build-extension.mjs shares. */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: false,
  logLevel: 'warning',
  absWorkingDir: repoRoot,
};

/** A temporary folder for bundles; `remove()` deletes it. */
export function bundleFolder() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-bench-'));
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Builds lint.js and typescript-parser.js side by side in `folder` (lint.js loads the parser from beside it
 * on the first TypeScript file, as in the .vsix) and loads lint.js.
 * @returns {Promise<{ lintAndConvert: Function, LintEngine: Function, DEFAULT_SETTINGS: object }>}
 */
export async function loadLintCore(folder) {
  const bundles = lintBundles(common, true, { inProcess: true }).map((options) => ({
    ...options,
    outfile: path.join(folder, path.basename(options.outfile)),
  }));
  await Promise.all(bundles.map((options) => esbuild.build(options)));
  return createRequire(import.meta.url)(path.join(folder, 'lint.js'));
}

/**
 * Bundles a small entry module written against repository paths (e.g. re-exports of extension/src/panel/*)
 * and loads it.
 */
export async function loadEntry(folder, name, contents) {
  const outfile = path.join(folder, `${name}.js`);
  await esbuild.build({ ...common, stdin: { contents, resolveDir: repoRoot, loader: 'ts', sourcefile: `${name}.ts` }, outfile });
  return createRequire(import.meta.url)(outfile);
}
