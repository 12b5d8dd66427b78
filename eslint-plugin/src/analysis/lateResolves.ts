// Issue 10, class 4: a socket resolved from a promise is not in its receiver's hands in time when the
// `resolve(socket)` runs in a `process.nextTick`, `setImmediate` or `setTimeout` callback. A connection that
// fails at once (a bad local address, a refused bind, EMFILE) is destroyed inside the creating call, and Node
// emits its 'error' with `process.nextTick`. Node drains the whole nextTick queue before it runs any promise
// reaction, and such a callback is never itself a microtask: whether the socket was created in the callback
// or before it, that error comes before the receiver's `.then`/`await` can add a listener, and is thrown
// (ioredis 2f9928b in real-bugs/). A `resolve` run anywhere else may run inside a microtask (an `async`
// caller after an `await`), whose reactions run first: that hand-off stays trusted, and so does one run in a
// `queueMicrotask` callback.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { HandOff, Origin } from './origin.js';
import { DefinitionType } from './scope.js';

/** The global timer functions whose callbacks run as macrotasks: Node runs nextTicks before promise reactions after each. */
const DEFERRING_GLOBALS: ReadonlySet<string> = new Set(['setImmediate', 'setTimeout']);

/**
 * The file created the origin, and every hand-off is a `resolve(socket)` of a promise executor run directly in
 * a deferred callback: its receivers come after the errors of its creation.
 */
export function resolvedAfterFirstErrors(origin: Origin, index: FileIndex): boolean {
  if (origin.via !== 'api' || (origin.kind !== 'socket' && origin.kind !== 'request')) return false;
  if (origin.handOffs.length === 0) return false;
  return origin.handOffs.every((handOff) => {
    if (!isExecutorResolve(handOff, index)) return false;
    const fn = enclosingFunction(handOff.node);
    return fn !== null && isDeferredCallback(fn, index);
  });
}

/** `resolve(socket)` with `resolve` the first parameter of a `new Promise` executor. */
function isExecutorResolve({ node, reason }: HandOff, index: FileIndex): boolean {
  if (reason !== 'call' || node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  const variable = callee.type === AST_NODE_TYPES.Identifier ? index.variableOf(callee) : null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Parameter || def.node.params[0] !== def.name) return false;
  const executorOf = def.node.parent;
  return (
    executorOf?.type === AST_NODE_TYPES.NewExpression &&
    executorOf.callee.type === AST_NODE_TYPES.Identifier &&
    executorOf.callee.name === 'Promise' &&
    executorOf.arguments[0] === def.node
  );
}

/** The function is the first argument of `process.nextTick(…)`, `setImmediate(…)` or `setTimeout(…)` (globals). */
function isDeferredCallback(fn: TSESTree.Node, index: FileIndex): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return false;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return DEFERRING_GLOBALS.has(callee.name) && isGlobal(callee, index);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'nextTick') return false;
  const object = unwrap(callee.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'process' && isGlobal(object, index);
}

/** Not declared by the file: unresolved, or a configured global (a variable without definitions). */
function isGlobal(identifier: TSESTree.Identifier, index: FileIndex): boolean {
  const variable = index.variableOf(identifier);
  return variable === null || variable.defs.length === 0;
}
