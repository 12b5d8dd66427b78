// A handler that is a callback the enclosing code received: `req.on('timeout', reject)`,
// `sock.setTimeout(ms, callback.bind(null, new Error('ETIMEDOUT')))`. It reports the event to whoever
// called; on its own it closes nothing, and it gets nothing it could close unless an argument is the socket.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { DefinitionType } from './scope.js';

export interface ReceivedCallback {
  /** The parameter the callback arrived in. */
  callback: TSESTree.Identifier;
  /** `resolve`/`reject` of a `new Promise` executor: it settles a promise and can close nothing. */
  settlesPromise: boolean;
  /** The `this` and arguments bound to it (`cb.bind(this, err)`), empty when passed as is. */
  bound: readonly TSESTree.Node[];
}

/** The received callback a handler argument is (`cb`, `cb.bind(…)`), or null. */
export function receivedCallbackOf(index: FileIndex, handler: TSESTree.Node): ReceivedCallback | null {
  const node = unwrap(handler);
  if (node.type === AST_NODE_TYPES.Identifier) {
    return isParameter(index, node) ? { callback: node, settlesPromise: settlesPromise(index, node), bound: [] } : null;
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node.callee) === 'bind'
  ) {
    const target = unwrap(node.callee.object);
    if (target.type === AST_NODE_TYPES.Identifier && isParameter(index, target)) {
      return { callback: target, settlesPromise: settlesPromise(index, target), bound: node.arguments };
    }
  }
  return null;
}

function isParameter(index: FileIndex, identifier: TSESTree.Identifier): boolean {
  const variable = index.variableOf(identifier);
  return variable?.defs.length === 1 && variable.defs[0]?.type === DefinitionType.Parameter;
}

function settlesPromise(index: FileIndex, identifier: TSESTree.Identifier): boolean {
  const executor = index.variableOf(identifier)?.defs[0]?.node;
  const promise = executor?.parent;
  return (
    promise?.type === AST_NODE_TYPES.NewExpression &&
    promise.arguments[0] === executor &&
    promise.callee.type === AST_NODE_TYPES.Identifier &&
    promise.callee.name === 'Promise'
  );
}
