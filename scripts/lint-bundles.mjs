// The extension's lint core in bundles of its own, so that activation compiles none of ESLint:
//   dist/extension.js         the VS Code glue; `import('../lint/index.js')` stays a runtime import of ./lint.js
//   dist/lint.js              ESLint's Linter, the plugin, the lint core (loaded on the first lint)
//   dist/typescript-parser.js @typescript-eslint/parser with TypeScript (loaded on the first TypeScript file)
// Used by scripts/build-extension.mjs: its extension bundle takes `splitLintCore` as a plugin, and
// `lintBundles(common, production)` adds the two other bundles.

/** Leaves the lint core out of the bundle that imports it: it is loaded at run time from ./lint.js beside it. */
export const splitLintCore = {
  name: 'split-lint-core',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lint\/index(\.js)?$/ }, (args) =>
      args.importer.includes('diagnostics') ? { path: './lint.js', external: true } : undefined,
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
 * @returns {import('esbuild').BuildOptions[]}
 */
export function lintBundles(common, production) {
  // ESLint's config loader imports jiti only for TypeScript config files, which the Linter never loads.
  const external = [...(common.external ?? []), 'jiti', 'jiti/*'];
  // ESM packages (the plugin) may use import.meta.url, which is empty in a CommonJS bundle: give it the bundle's URL.
  const importMeta = {
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  return [
    {
      ...common,
      entryPoints: ['extension/src/lint/index.ts'],
      outfile: 'dist/lint.js',
      minify: production,
      external,
      ...importMeta,
      plugins: [splitTypeScriptParser],
    },
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
