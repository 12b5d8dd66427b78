// Where a socket outlives its 'error' listener by the file's own doing (issue 10, class 8). Node destroys a
// socket before it emits its own 'error', so one listener, even a once() one, hears the only error a socket
// ever has. Two things break that: the file removes the listener (`removeAllListeners()`,
// `removeListener('error', f)`, `off('error', f)`) while the socket stays open, or the file emits 'error' on
// the socket itself, which destroys nothing, so a once() listener is used up and the next error is thrown.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { contains, enclosingFunction, type FunctionNode, isFunction, memberName, outermostWrapper, staticString, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { MAX_DEPTH } from './flow.js';
import { resolveCall } from './functions.js';
import type { SocketModel } from './model.js';
import type { HandOffReason, Origin } from './origin.js';
import { type CoverTest, coveredAfter, coveredBefore, functionCovers } from './pathCover.js';

export interface OutlivedErrorListener {
  /**
   * `removed`: an 'error' listener is removed and the socket may stay open without a lasting one;
   * `reemitted`: the only listeners are once() and the file emits 'error' on the socket without destroying it.
   */
  kind: 'removed' | 'reemitted';
  /** The removing or emitting call. */
  node: TSESTree.CallExpression;
}

/** Hand-offs that give the socket away (to a callback, a promise, an event, the caller, an object of theirs): its listeners are theirs. */
const GIVING_AWAY: ReadonlySet<HandOffReason> = new Set(['call', 'emit', 'return', 'yield', 'export', 'assign']);

/**
 * The places where the file leaves `origin` open without a lasting 'error' listener: every removal that does
 * (each is a place to fix), else the first `emit('error')` on a socket whose listeners are all once().
 */
export function outlivedErrorListeners(model: SocketModel, origin: Origin): OutlivedErrorListener[] {
  if (origin.kind !== 'socket' && origin.kind !== 'request') return [];
  const removals = callsOnSocket(origin, removesErrorListener)
    .filter((call) => leavesOpen(model, origin, call, 'removal'))
    .map((call): OutlivedErrorListener => ({ kind: 'removed', node: call }));
  if (removals.length > 0) return removals;
  const errorListeners = origin.listeners.filter((listener) => listener.event === 'error');
  if (errorListeners.length === 0 || !errorListeners.every((listener) => listener.once)) return [];
  const emit = callsOnSocket(origin, emitsError).find((call) => leavesOpen(model, origin, call, 'emit'));
  return emit ? [{ kind: 'reemitted', node: emit }] : [];
}

export function removesErrorListener(method: string, call: TSESTree.CallExpression): boolean {
  const event = call.arguments[0];
  if (method === 'removeAllListeners') return event === undefined || staticString(event) === 'error';
  return (method === 'removeListener' || method === 'off') && event !== undefined && staticString(event) === 'error';
}

function emitsError(method: string, call: TSESTree.CallExpression): boolean {
  const event = call.arguments[0];
  return method === 'emit' && event !== undefined && staticString(event) === 'error';
}

/** `socket.method(…)` calls made directly on an expression that evaluates to the socket, in source order. */
export function callsOnSocket(
  origin: Origin,
  test: (method: string, call: TSESTree.CallExpression) => boolean,
): TSESTree.CallExpression[] {
  const calls = new Set<TSESTree.CallExpression>();
  for (const alias of origin.aliases) {
    const receiver = outermostWrapper(alias);
    const member = receiver.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) continue;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const method = memberName(member);
    if (method !== null && test(method, call)) calls.add(call);
  }
  return [...calls].sort((a, b) => a.range[0] - b.range[0]);
}

/** Events after which the origin emits no more errors: a closed or errored socket is destroyed; a client request whose 'upgrade' or 'connect' fired has given its socket away. */
function finalEvents(origin: Origin): ReadonlySet<string> {
  return new Set(origin.kind === 'request' ? ['close', 'error', 'upgrade', 'connect'] : ['close', 'error']);
}

/**
 * On some path after `call` the socket stays open with no 'error' listener: nothing after it (on every path of
 * its function) adds one back, destroys the socket or gives it away, nothing before it destroyed the socket,
 * and no same-file caller does so around the call. A removal is also safe in code run by a listener of a
 * final event (`finalEvents`), or once the socket was given away by the function around it (a listener
 * callback runs after `return socket`): an `emit('error')` is not, it throws whatever the socket's state.
 */
function leavesOpen(model: SocketModel, origin: Origin, call: TSESTree.CallExpression, what: 'removal' | 'emit'): boolean {
  const receiver = (call.callee as TSESTree.MemberExpression).object;
  const covers = coverTest(model, origin, receiver, what);
  const finalHandlers = new Set<FunctionNode>();
  const givenAway: TSESTree.Node[] = [];
  if (what === 'removal') {
    const events = finalEvents(origin);
    for (const listener of origin.listeners) {
      if (listener.event !== null && events.has(listener.event) && listener.handlerFunction) {
        finalHandlers.add(listener.handlerFunction);
      }
    }
    for (const handOff of origin.handOffs) if (GIVING_AWAY.has(handOff.reason)) givenAway.push(handOff.node);
  }
  const open = (node: TSESTree.Node, depth: number): boolean => {
    if (coveredBefore(node, covers) || coveredAfter(node, covers)) return false;
    const fn = enclosingFunction(node);
    if (!fn) return true;
    if (finalHandlers.has(fn)) return false;
    if (givenAway.some((handOff) => !contains(fn, handOff) && containsFunction(functionOf(handOff), fn))) return false;
    // a helper (`cleanUp()`, `this._handleClose()`) is as safe as the places that call it
    const sites = (callSites(model.index).get(fn) ?? []).filter((site) => !contains(fn, site));
    if (sites.length === 0 || depth >= MAX_DEPTH) return true;
    return sites.some((site) => open(site, depth + 1));
  };
  return open(call, 0);
}

/** What keeps the socket safe after the call: an 'error' listener, a destroy, a hand-off, a new socket in its place. */
function coverTest(model: SocketModel, origin: Origin, receiver: TSESTree.Node, what: 'removal' | 'emit'): CoverTest {
  const aliases = new Set<TSESTree.Node>(origin.aliases);
  const nodes: TSESTree.Node[] = [];
  // after a removal, even a once() listener hears the one error Node emits before it destroys the socket
  for (const listener of origin.listeners) {
    if (listener.event === 'error' && (what === 'removal' || !listener.once)) nodes.push(listener.node);
  }
  for (const close of model.index.closeCalls) {
    const callee = unwrap(close.node.callee);
    if (close.kind !== 'destroy' || callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (aliases.has(callee.object) || aliases.has(unwrap(callee.object))) nodes.push(close.node);
  }
  for (const handOff of origin.handOffs) if (GIVING_AWAY.has(handOff.reason)) nodes.push(handOff.node);
  if (what === 'removal') nodes.push(...wrapperGivenAway(model, origin));
  // STARTTLS: `this.socket = tls.connect({ socket: this.socket })`; the new socket's listeners are what count
  const key = model.index.keyOf(receiver);
  if (key !== null) {
    for (const other of model.origins) {
      const created = outermostWrapper(other.node);
      const assignment = created.parent;
      if (other === origin || assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== created) continue;
      if (model.index.keyOf(assignment.left) === key) nodes.push(assignment);
    }
  }
  const calleeCovers = new Map<FunctionNode, boolean>();
  const covers: CoverTest = (statement, from) => {
    const fn = enclosingFunction(statement);
    if (nodes.some((node) => node.range[0] >= from && contains(statement, node) && enclosingFunction(node) === fn)) return true;
    // `this.destroySocket()`, `new Connection(socket)`: a same-file function that does it on every path
    const call = directCall(statement);
    if (!call || call.range[0] < from) return false;
    const target = resolveCall(model.index, call);
    if (!target || (call.type === AST_NODE_TYPES.CallExpression && isBind(call))) return false;
    let result = calleeCovers.get(target.fn);
    if (result === undefined) {
      calleeCovers.set(target.fn, false);
      result = functionCovers(target.fn, covers);
      calleeCovers.set(target.fn, result);
    }
    return result;
  };
  return covers;
}

/**
 * `const client = new WebSocket([req, socket, head]); … socket.removeListener('error', early); cb(client)`: a
 * wrapper built around the socket and then given away (passed to a call, returned) takes the socket with it,
 * and its listeners are the receiver's, as for the socket itself. A wrapper the file keeps (`this.queue = new
 * WriteQueue(socket)`) does not: the file still owns the socket.
 */
function wrapperGivenAway(model: SocketModel, origin: Origin): TSESTree.Node[] {
  const given: TSESTree.Node[] = [];
  for (const alias of origin.aliases) {
    // the socket as an argument of `new`, or in an array that is one (ws 0.4: `new WebSocket([req, socket, head])`)
    const argument = alias.parent?.type === AST_NODE_TYPES.ArrayExpression ? alias.parent : alias;
    const created = argument.parent;
    if (created?.type !== AST_NODE_TYPES.NewExpression || !created.arguments.includes(argument as TSESTree.Expression)) continue;
    const declarator = created.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== created) continue;
    for (const variable of model.index.sourceCode.getDeclaredVariables(declarator)) {
      for (const reference of variable.references) {
        const use = reference.identifier.parent;
        const passed = use?.type === AST_NODE_TYPES.CallExpression && use.arguments.includes(reference.identifier as TSESTree.Expression);
        if (passed || use?.type === AST_NODE_TYPES.ReturnStatement) given.push(use);
      }
    }
  }
  return given;
}

/** The call a statement makes: `f();`, `await f();`, `x = f();`, `const c = new C(socket);`. */
function directCall(statement: TSESTree.Node): TSESTree.CallExpression | TSESTree.NewExpression | null {
  let expression: TSESTree.Node | null | undefined = null;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) expression = statement.expression;
  else if (statement.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1) {
    expression = statement.declarations[0]?.init;
  }
  if (!expression) return null;
  let inner = unwrap(expression);
  if (inner.type === AST_NODE_TYPES.AssignmentExpression) inner = unwrap(inner.right);
  if (inner.type === AST_NODE_TYPES.AwaitExpression) inner = unwrap(inner.argument);
  return inner.type === AST_NODE_TYPES.CallExpression || inner.type === AST_NODE_TYPES.NewExpression ? inner : null;
}

/** The function a hand-off leaves: its own, or for `() => socket` the arrow itself. */
function functionOf(handOff: TSESTree.Node): FunctionNode | null {
  return isFunction(handOff) ? handOff : enclosingFunction(handOff);
}

/** `outer` is `inner` or holds it; null stands for the module, which holds every function. */
function containsFunction(outer: FunctionNode | null, inner: FunctionNode): boolean {
  return outer === null || contains(outer, inner);
}

function isBind(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind';
}

const callSiteCache = new WeakMap<FileIndex, Map<FunctionNode, TSESTree.CallExpression[]>>();

/** Same-file calls of each function (`.call`/`.apply` included, `.bind` not: that is no call). */
export function callSites(index: FileIndex): ReadonlyMap<FunctionNode, TSESTree.CallExpression[]> {
  let sites = callSiteCache.get(index);
  if (!sites) {
    sites = new Map();
    for (const call of index.calls) {
      if (isBind(call)) continue;
      const target = resolveCall(index, call);
      if (!target) continue;
      const list = sites.get(target.fn);
      if (list) list.push(call);
      else sites.set(target.fn, [call]);
    }
    callSiteCache.set(index, sites);
  }
  return sites;
}
