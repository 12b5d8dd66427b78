// The object literals an options argument is built from, so that `{ noServer: true }` is seen when it is
// kept in a variable first (`const options = Object.assign({ noServer: true }, user)`, `{ ...user, noServer: true }`).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';

/** Object literals the argument is, or is assembled from (`Object.assign` sources, spreads), later ones last. */
export function optionObjects(index: FileIndex, argument: TSESTree.Node): TSESTree.ObjectExpression[] {
  const node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return [node];
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = index.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return [];
    // a variable assigned again may hold other options by the time of the call
    if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return [];
    const init = unwrap(def.node.init);
    return init.type === AST_NODE_TYPES.Identifier ? [] : optionObjects(index, init);
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Object' &&
    memberName(node.callee) === 'assign'
  ) {
    return node.arguments.flatMap((source) => (unwrap(source).type === AST_NODE_TYPES.ObjectExpression ? [unwrap(source) as TSESTree.ObjectExpression] : []));
  }
  return [];
}
