// `req[kWs] = socket` with `const kWs = Symbol('ws-socket')`: a property with a private name, a field of
// that object, not an entry of a collection that grows with every connection; it lives and dies with the
// object. (A collection keyed by symbols would need a new symbol per entry: `Symbol()` in a const is one.)
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';

/** The key is a `const` holding one `Symbol(…)` (or `Symbol.for(…)`), or a well-known `Symbol.x`. */
export function isSymbolKey(index: FileIndex, key: TSESTree.Node): boolean {
  const node = unwrap(key);
  if (node.type === AST_NODE_TYPES.MemberExpression) return isSymbolGlobal(node.object);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = index.variableOf(node);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.parent.kind !== 'const') {
    return false;
  }
  const init = def.node.init ? unwrap(def.node.init) : null;
  if (init?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(init.callee);
  return isSymbolGlobal(callee) || (callee.type === AST_NODE_TYPES.MemberExpression && isSymbolGlobal(callee.object));
}

function isSymbolGlobal(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === 'Symbol';
}
