// The panel's status validator in a bundle of its own, so that activation evaluates none of ajv:
//   dist/extension.js           `import('./status-schema.js')` of panel/status-schema-loader.ts stays a runtime import
//   dist/status-validation.js   ajv, the status schema and panel/status-schema.ts (loaded on the first poll)
// Used by scripts/build-extension.mjs: its extension bundle takes `splitStatusValidation` as a plugin, and
// `statusValidationBundle(common, production)` adds the bundle.

/** Leaves the validator out of the bundle that loads it: it is loaded at run time from ./status-validation.js beside it. */
export const splitStatusValidation = {
  name: 'split-status-validation',
  setup(build) {
    build.onResolve({ filter: /^\.\/status-schema(\.js)?$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './status-validation.js', external: true } : undefined,
    );
  },
};

/**
 * @param {import('esbuild').BuildOptions} common
 * @param {boolean} production
 * @returns {import('esbuild').BuildOptions}
 */
export function statusValidationBundle(common, production) {
  return {
    ...common,
    entryPoints: ['extension/src/panel/status-schema.ts'],
    outfile: 'dist/status-validation.js',
    minify: production,
  };
}
