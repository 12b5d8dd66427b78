// An event name computed at run time may be any event, 'error' included, so a listener for it may be the
// 'error' listener. But `socket.on(secure ? 'secureConnect' : 'connect', …)`, or the same choice kept in a
// variable first, can only name the constants it chooses between: when none is 'error', it is no 'error' listener.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { staticString, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';

/** How many variables deep a choice of constants is followed (`const event = secure ? … : …`). */
const MAX_HOPS = 2;

/** The event argument may evaluate to 'error' (true unless it is a choice among other constants). */
export function mayNameError(index: FileIndex, node: TSESTree.Node): boolean {
  const names = possibleNames(index, node, 0);
  return names === null || names.has('error');
}

/** The constants an expression chooses between, or null when it may be anything. */
function possibleNames(index: FileIndex, expression: TSESTree.Node, hops: number): Set<string> | null {
  const node = unwrap(expression);
  const literal = staticString(node);
  if (literal !== null) return new Set([literal]);
  switch (node.type) {
    case AST_NODE_TYPES.ConditionalExpression:
      return union(possibleNames(index, node.consequent, hops), possibleNames(index, node.alternate, hops));
    case AST_NODE_TYPES.LogicalExpression:
      return union(possibleNames(index, node.left, hops), possibleNames(index, node.right, hops));
    case AST_NODE_TYPES.Identifier: {
      const init = hops < MAX_HOPS ? onlyValue(index, node) : null;
      return init ? possibleNames(index, init, hops + 1) : null;
    }
    default:
      return null;
  }
}

/** The initialiser of a variable that is declared once and never assigned again. */
function onlyValue(index: FileIndex, identifier: TSESTree.Identifier): TSESTree.Expression | null {
  const variable = index.variableOf(identifier);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
  if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return null;
  return def.node.init;
}

function union(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  return a && b ? new Set([...a, ...b]) : null;
}
