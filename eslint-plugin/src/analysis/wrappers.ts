// Objects built around a socket are sockets too (issue 10, class 1): `new Session(socket)`, `new Peer(req,
// socket, head)` in an 'upgrade' listener, `new WebSocket(Array.prototype.slice.call(arguments))`, and the
// table's own wrapping factories (`createWebSocketStream(ws)`, a row with `wraps` in socketApis.ts). Whoever
// keeps such an object in an array or map keeps the connection's buffers with it, so it must let it go when
// the socket closes. model.ts makes one origin per wrapping `new` and follows it like a socket; the rules
// read `origin.wraps` to accept the wrapped socket's 'close' as the wrapper's own.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { Origin } from './origin.js';
import { socketApiOf } from './socketApis.js';

// Built-in constructors that do not make a connection object of the socket they receive
const NOT_WRAPPERS: ReadonlySet<string> = new Set([
  'Array',
  'Buffer',
  'Date',
  'Error',
  'FinalizationRegistry',
  'Map',
  'Object',
  'Promise',
  'RangeError',
  'Set',
  'TypeError',
  'URL',
  'WeakMap',
  'WeakRef',
  'WeakSet',
]);

/** A wrapping `new` found for a socket origin: the object built around it. */
export interface WrappingCall {
  socket: Origin;
  call: TSESTree.NewExpression;
}

/** `new C(…, socket, …)` with a constructor that may keep the socket (not a built-in collection, promise or error). */
export function isWrappingNew(index: FileIndex, call: TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || !NOT_WRAPPERS.has(callee.name)) return true;
  // the built-in itself, not a binding of the file that shadows its name (ESLint declares globals without defs)
  return (index.variableOf(callee)?.defs.length ?? 0) > 0;
}

/**
 * `new C(arguments)`, `new C(...arguments)`, `new C(Array.prototype.slice.call(arguments))` inside the
 * listener whose parameter is the socket: the listener's arguments, socket included, built into an object.
 */
export function argumentsWrappingCalls(index: FileIndex, socket: Origin): TSESTree.NewExpression[] {
  const fn = parameterOwner(socket.node);
  if (!fn || fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return [];
  const argumentsVariable = index.sourceCode.scopeManager?.acquire(fn)?.set.get('arguments');
  const found: TSESTree.NewExpression[] = [];
  for (const reference of argumentsVariable?.references ?? []) {
    let node: TSESTree.Node = reference.identifier;
    if (node.parent?.type === AST_NODE_TYPES.SpreadElement) node = node.parent;
    else if (isArgumentsCopy(node.parent, node)) node = node.parent;
    const call = node.parent;
    if (
      call?.type === AST_NODE_TYPES.NewExpression &&
      call.arguments.some((argument) => argument === node) &&
      isWrappingNew(index, call)
    ) {
      found.push(call);
    }
  }
  return found;
}

/** `Array.prototype.slice.call(arguments, 0)`, `[].slice.call(arguments)`, `Array.from(arguments)`. */
function isArgumentsCopy(call: TSESTree.Node | undefined, argument: TSESTree.Node): boolean {
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(call.callee);
  if (method === 'from') return call.arguments[0] === argument;
  if (method !== 'call' && method !== 'apply') return false;
  const slice = unwrap(call.callee.object);
  return slice.type === AST_NODE_TYPES.MemberExpression && memberName(slice) === 'slice' && call.arguments[0] === argument;
}

/** The function whose parameter the node is, or null. */
function parameterOwner(node: TSESTree.Node): FunctionNode | null {
  const parent = node.parent;
  if (isFunction(parent) && parent.params.includes(node as TSESTree.Parameter)) return parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentPattern && isFunction(parent.parent)) return parent.parent;
  return null;
}

/** The origin, then the sockets it was built around (a wrapper of a wrapper: both). */
export function withWrapped(origin: Origin): Origin[] {
  const chain = [origin];
  for (let inner = origin.wraps; inner && !chain.includes(inner); inner = inner.wraps) chain.push(inner);
  return chain;
}

/** The object was built around a socket (by a `new` of the file or a wrapping factory of the table). */
export function isWrapper(origin: Origin): boolean {
  if (origin.wraps !== null || origin.via === 'wrapper') return true;
  // a wrapping factory's object whose socket the file does not see (`createWebSocketStream(socketFromElsewhere)`)
  return origin.family !== null && socketApiOf(`${origin.family}.${origin.kind}`)?.wraps !== undefined;
}

/**
 * Links a table-made wrapper (`createWebSocketStream(ws)`) to the origin of its wrapped argument, once
 * every origin has been followed: an expression that evaluates to a socket is one of its aliases.
 */
export function linkWrapped(origins: readonly Origin[], made: readonly { origin: Origin; argument: TSESTree.Node }[]): void {
  if (made.length === 0) return;
  const byAlias = new Map<TSESTree.Node, Origin>();
  for (const origin of origins) {
    if (origin.kind !== 'socket') continue;
    for (const alias of origin.aliases) if (!byAlias.has(alias)) byAlias.set(alias, origin);
  }
  for (const { origin, argument } of made) {
    const wrapped = byAlias.get(argument);
    if (wrapped && wrapped !== origin) origin.wraps = wrapped;
  }
}
