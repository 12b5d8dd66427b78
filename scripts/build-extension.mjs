// Bundles the extension and its extension-host test suite with esbuild.
//   node scripts/build-extension.mjs               development build (source maps, not minified)
//   node scripts/build-extension.mjs --production  minified extension (what vsce packages)
//   node scripts/build-extension.mjs --watch       rebuild on change
// To add a bundle, add an entry to `bundles` below.
import * as esbuild from 'esbuild';
import { lazyMinimatch, minimatchBundle } from './lazy-minimatch.mjs';
import { keepLintCoreOut, lintBundles } from './lint-bundles.mjs';
import { probeBundle } from './probe-bundle.mjs';
import { sharedVscodeImport } from './shared-vscode-import.mjs';
import { splitStatusValidation, statusValidationBundle } from './status-validation-bundle.mjs';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every `*.test.ts` under a folder, so a new test file joins its suite without touching this script. */
function testFiles(dir) {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .sort()
    .map((file) => path.join(dir, file).split(path.sep).join('/'));
}

/**
 * The extension host loads its test suite with require(); mocha is bundled in, and each test file is
 * pulled in through a virtual module so that test/host/index.ts need not list them.
 */
function hostTestFilesPlugin(dir) {
  return {
    name: 'host-test-files',
    setup(build) {
      build.onResolve({ filter: /^virtual:host-test-files$/ }, () => ({ path: 'host-test-files', namespace: 'host-test-files' }));
      build.onLoad({ filter: /.*/, namespace: 'host-test-files' }, () => {
        const files = testFiles(dir);
        const contents = files
          .map((file) => `{ name: ${JSON.stringify(path.relative(dir, file))}, load: () => require(${JSON.stringify(path.join(root, file))}) }`)
          .join(',\n');
        return { contents: `module.exports = [${contents}];`, resolveDir: root, loader: 'js', watchDirs: [path.join(root, dir)] };
      });
    },
  };
}

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'info',
  absWorkingDir: root,
};

/** @type {esbuild.BuildOptions[]} */
const bundles = [
  {
    ...common,
    entryPoints: ['extension/src/extension.ts'],
    outfile: 'dist/extension.js',
    minify: production,
    plugins: [keepLintCoreOut, splitStatusValidation, sharedVscodeImport, lazyMinimatch],
  },
  {
    ...common,
    entryPoints: ['extension/test/host/index.ts'],
    outfile: 'out/test/host/index.js',
    plugins: [hostTestFilesPlugin('extension/test/host')],
    // Only mocha's parallel mode resolves these files; the suite runs serially inside the extension host.
    logOverride: { 'require-resolve-not-external': 'silent' },
  },
  // The lint worker (the lint core) and the TypeScript parser it loads (see lint-bundles.mjs).
  ...lintBundles(common, production),
  // The panel's status validator (ajv), loaded on the first poll (see status-validation-bundle.mjs).
  statusValidationBundle(common, production),
  // minimatch, loaded when socketHygiene.exclude names a pattern (see lazy-minimatch.mjs).
  minimatchBundle(common, production),
  // The runtime probe, run by "Start Node Program with Probe…" (see probe-bundle.mjs).
  probeBundle(common, production),
];

// --- Live Connections panel: the History webview loads uPlot from the .vsix (dist/media/uplot/), not
// from a CDN, so its Content-Security-Policy can stay closed to remote content.
function copyWebviewAssets() {
  const from = path.join(root, 'node_modules/uplot');
  const to = path.join(root, 'dist/media/uplot');
  mkdirSync(to, { recursive: true });
  for (const file of ['dist/uPlot.iife.min.js', 'dist/uPlot.min.css', 'LICENSE']) {
    copyFileSync(path.join(from, file), path.join(to, path.basename(file)));
  }
}
copyWebviewAssets();
// --- end of the panel's part

if (watch) {
  for (const options of bundles) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('[watch] watching for changes');
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
}
