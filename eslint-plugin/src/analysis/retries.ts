// A retry runs the code that created the socket again: influx's request 'timeout' handler calls
// `this._handleRequestError(…)`, which calls `this.stream(…)`, which creates a new request and ends it.
// What a retry does to its new socket (`req.end()` sends the new request) is not done to the timed-out
// one, so the closes a handler reaches only through a function that creates the socket do not count.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { contains, type FunctionNode, isFunction, unwrap } from './ast.js';
import { within } from './fileIndex.js';
import { MAX_DEPTH } from './flow.js';
import { callersOf, resolveCall } from './functions.js';
import type { SocketModel } from './model.js';
import type { Origin } from './origin.js';
import { catchesOfRejection } from './promises.js';

export interface OwnEffect {
  /** Ends, destroys or re-arms something on some path. */
  closes: boolean;
  /** Re-emits an event, hands a socket to code outside the file, or calls `this.method()` defined elsewhere. */
  passesOn: boolean;
}

const handOffsByModel = new WeakMap<SocketModel, TSESTree.Node[]>();
/** Each origin's creating functions, found once (every handler of the origin asks). */
const creatorsByOrigin = new WeakMap<Origin, Set<FunctionNode>>();

/**
 * What `handler` does for `origin` without the code it reaches only through functions that create `origin`
 * again, or null when it reaches none (then the handler summary is the answer).
 */
export function effectWithoutRetries(model: SocketModel, origin: Origin, handler: FunctionNode): OwnEffect | null {
  const { index } = model;
  const creators = creatingFunctions(model, origin);
  if (creators.size === 0) return null;
  const handOffs = handOffsOf(model);
  const effect: OwnEffect = { closes: false, passesOn: false };
  const seen = new Set<TSESTree.Node>();
  const visit = (node: TSESTree.Node, depth: number): void => {
    if (seen.has(node) || depth > MAX_DEPTH) return;
    seen.add(node);
    // a creating function written inside the handler (an inline retry) is skipped like a called one
    const inner = [...creators].filter((creator) => creator !== node && contains(node, creator));
    const counts = (item: TSESTree.Node): boolean => !inner.some((creator) => contains(creator, item));
    for (const close of within(index.closeCalls, (item) => item.node, node.range)) {
      if (!counts(close.node)) continue;
      if (close.kind === 'emit') effect.passesOn = true;
      else effect.closes = true;
    }
    if (within(handOffs, (item) => item, node.range).some(counts)) effect.passesOn = true;
    for (const call of within(index.calls, (item) => item, node.range)) {
      if (!counts(call)) continue;
      const target = resolveCall(index, call);
      if (target) {
        if (!contains(node, target.fn) && !creators.has(target.fn)) visit(target.fn, depth + 1);
        continue;
      }
      if (callsInheritedMethod(call)) effect.passesOn = true;
      // reject(…) of an awaited promise: the catch around the await runs next
      for (const block of catchesOfRejection(index, call)) if (!contains(block, call)) visit(block, depth + 1);
    }
  };
  visit(handler, 0);
  return effect;
}

/** `this.onTimeout()` with no such method in the file: a base class defined elsewhere may close. */
function callsInheritedMethod(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression;
}

/** Where sockets of every origin leave the file, by position (as the handler summaries read them). */
function handOffsOf(model: SocketModel): TSESTree.Node[] {
  let handOffs = handOffsByModel.get(model);
  if (!handOffs) {
    handOffs = model.origins.flatMap((origin) => origin.handOffs.map((handOff) => handOff.node));
    handOffs.sort((a, b) => a.range[0] - b.range[0]);
    handOffsByModel.set(model, handOffs);
  }
  return handOffs;
}

/**
 * The functions that create the socket when called: those around its creating call, and those around
 * the same-file calls of a plain function among them (`const request = (o, cb) => https.request(o, cb)`).
 */
function creatingFunctions({ index }: SocketModel, origin: Origin): Set<FunctionNode> {
  const known = creatorsByOrigin.get(origin);
  if (known) return known;
  const creators = new Set<FunctionNode>();
  creatorsByOrigin.set(origin, creators);
  if (origin.via !== 'api') return creators;
  let level: TSESTree.Node[] = [origin.node];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: TSESTree.Node[] = [];
    for (const node of level) {
      for (let current = node.parent; current; current = current.parent) {
        if (!isFunction(current) || creators.has(current)) continue;
        creators.add(current);
        next.push(...(callersOf(index, current) ?? []));
      }
    }
    level = next;
  }
  return creators;
}

