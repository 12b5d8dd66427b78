// minimatch (with brace-expansion, about a quarter of dist/extension.js) in a bundle of its own, loaded on first use:
//   dist/extension.js   `import { minimatch } from 'minimatch'` of lint/exclude.ts becomes a function that
//                       requires ./minimatch.js the first time it is called
//   dist/minimatch.js   minimatch itself
// exclude.ts calls it only when `socketHygiene.exclude` names a pattern, so most sessions never load it, and
// activation no longer reads and compiles it (compiling the bundle is part of VS Code's activation time, and
// grows with its size: bench/README.md, editor section). The source keeps its plain import, so the unit tests
// and type checks see minimatch as usual.
// Used by scripts/build-extension.mjs: its extension bundle takes `lazyMinimatch` as a plugin, and
// `minimatchBundle(common, production)` adds the bundle.

const NAMESPACE = 'lazy-minimatch';

/** @type {import('esbuild').Plugin} */
export const lazyMinimatch = {
  name: 'lazy-minimatch',
  setup(build) {
    build.onResolve({ filter: /^minimatch$/ }, () => ({ path: 'minimatch', namespace: NAMESPACE }));
    build.onResolve({ filter: /^\.\/minimatch\.js$/ }, (args) => (args.namespace === NAMESPACE ? { path: './minimatch.js', external: true } : undefined));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
      contents: [
        'let loaded;',
        'export function minimatch(...args) {',
        "  loaded ??= require('./minimatch.js');",
        '  return loaded.minimatch(...args);',
        '}',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * @param {import('esbuild').BuildOptions} common
 * @param {boolean} production
 * @returns {import('esbuild').BuildOptions}
 */
export function minimatchBundle(common, production) {
  return {
    ...common,
    stdin: { contents: "export { minimatch } from 'minimatch';", resolveDir: common.absWorkingDir, loader: 'js', sourcefile: 'minimatch-entry.js' },
    outfile: 'dist/minimatch.js',
    minify: production,
  };
}
