// One `require('vscode')` for the whole extension bundle, not one per source file.
// Every source file says `import * as vscode from 'vscode'`. With 'vscode' external, esbuild turns each of
// them into its own `__toESM(require('vscode'))`, which copies every member of VS Code's API object (some 400
// namespaces, classes and enums) onto a fresh object as a getter: 26 files, some 10,000 property definitions
// while the extension host loads dist/extension.js, counted in its activation time. Routing the imports
// through one module that re-exports 'vscode' makes the copy once; every file then shares its namespace.

const NAMESPACE = 'shared-vscode';

/** @type {import('esbuild').Plugin} */
export const sharedVscodeImport = {
  name: 'shared-vscode-import',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === NAMESPACE ? { path: 'vscode', external: true } : { path: 'vscode', namespace: NAMESPACE },
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};
