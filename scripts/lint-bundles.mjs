// The extension's lint core in bundles of its own, so that activation compiles none of ESLint and no lint
// runs on the extension host's thread:
//   dist/extension.js         the VS Code glue; it talks to the worker (lint/worker/worker-client.ts)
//   dist/lint-worker.js       the lint worker thread: ESLint's Linter, the plugin, the lint core
//   dist/typescript-parser.js @typescript-eslint/parser with TypeScript (loaded by the worker on the first
//                             TypeScript file, or in the background when the workspace has TypeScript)
//   lint.js                   the lint core as a module (`lintAndConvert`), only for the benchmarks: not shipped
// Used by scripts/build-extension.mjs: its extension bundle takes `keepLintCoreOut` as a plugin, and
// `lintBundles(common, production)` adds the other bundles.

import { astNodeTypesConstants } from './ast-node-types-constants.mjs';

/** Fails the extension bundle if the VS Code glue imports the lint core itself: the core runs in the worker. */
export const keepLintCoreOut = {
  name: 'keep-lint-core-out',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lint\/(index|engine|config)(\.js)?$/ }, (args) =>
      args.importer.includes('diagnostics') && args.kind !== 'import-statement-type'
        ? { errors: [{ text: `${args.path} would bundle ESLint into the extension host: ask the lint worker instead` }] }
        : undefined,
    );
  },
};

/** Leaves the TypeScript parser out of the lint core: it is loaded at run time from ./typescript-parser.js. */
const splitTypeScriptParser = {
  name: 'split-typescript-parser',
  setup(build) {
    build.onResolve({ filter: /^@typescript-eslint\/parser$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './typescript-parser.js', external: true } : undefined,
    );
  },
};

/**
 * @param {import('esbuild').BuildOptions} common
 * @param {boolean} production
 * @param {{ inProcess?: boolean }} [options] inProcess: also lint.js, the core as a module (benchmarks)
 * @returns {import('esbuild').BuildOptions[]}
 */
export function lintBundles(common, production, options = {}) {
  // ESLint's config loader imports jiti only for TypeScript config files, which the Linter never loads.
  const external = [...(common.external ?? []), 'jiti', 'jiti/*'];
  // ESM packages (the plugin) may use import.meta.url, which is empty in a CommonJS bundle: give it the bundle's URL.
  const importMeta = {
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  const core = (entryPoint, outfile) => ({
    ...common,
    entryPoints: [entryPoint],
    outfile,
    minify: production,
    external,
    ...importMeta,
    plugins: [splitTypeScriptParser, astNodeTypesConstants],
  });
  return [
    core('extension/src/lint/worker/lint-worker.ts', 'dist/lint-worker.js'),
    ...(options.inProcess ? [core('extension/src/lint/index.ts', 'dist/lint.js')] : []),
    {
      ...common,
      stdin: { contents: "module.exports = require('@typescript-eslint/parser');", resolveDir: common.absWorkingDir, loader: 'js' },
      outfile: 'dist/typescript-parser.js',
      minify: production,
      external,
      ...importMeta,
    },
  ];
}
