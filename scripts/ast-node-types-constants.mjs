// `AST_NODE_TYPES.CallExpression` as one property read in the lint bundles, not two getter calls.
// The plugin (ESM) says `import { AST_NODE_TYPES } from '@typescript-eslint/types'`, a CommonJS package. In a
// bundle esbuild keeps such an import live: every use becomes `import_types.AST_NODE_TYPES.X`, through
// `__toESM`'s getter and then the package's own `Object.defineProperty` getter. The model compares node types
// at every node of the file, so on the dense 2,000-line editor bench file those getters were ~6 % of a
// rules-on lint's CPU profile (bench/README.md, editor section). Routing the plugin's import through a small
// ES module that reads the two enums once makes each use a plain constant.

const NAMESPACE = 'ast-node-types-constants';

/** @type {import('esbuild').Plugin} */
export const astNodeTypesConstants = {
  name: 'ast-node-types-constants',
  setup(build) {
    build.onResolve({ filter: /^@typescript-eslint\/types$/ }, (args) =>
      args.namespace === NAMESPACE || args.kind !== 'import-statement'
        ? undefined
        : { path: '@typescript-eslint/types', namespace: NAMESPACE, pluginData: { resolveDir: args.resolveDir } },
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents:
        "import * as types from '@typescript-eslint/types';\n" +
        'export const AST_NODE_TYPES = types.AST_NODE_TYPES;\n' +
        'export const AST_TOKEN_TYPES = types.AST_TOKEN_TYPES;\n',
      loader: 'js',
      resolveDir: args.pluginData.resolveDir,
    }));
  },
};
