// The runtime probe's register entry as one file of the .vsix, dist/probe/register.js, for the command
// "Start with Probe…" (`node --require <extension>/dist/probe/register.js app.js`).
// It runs inside the user's program, not the extension host: CommonJS for Node, with prom-client
// bundled in, and nothing to resolve from a node_modules folder at run time.
// Used by scripts/build-extension.mjs, and by the extension's unit tests to build it into a temp folder.

/**
 * @param {import('esbuild').BuildOptions} common
 * @param {boolean} production
 * @returns {import('esbuild').BuildOptions}
 */
export function probeBundle(common, production) {
  return {
    ...common,
    entryPoints: ['probe/src/register.cjs'],
    outfile: 'dist/probe/register.js',
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20', // the probe's engines: node >= 20.19
    external: [], // not even vscode: nothing outside this file is there when the user's program loads it
    minify: production,
    sourcemap: false, // a map would not ship (the .vsix allow-list names only the file)
  };
}
