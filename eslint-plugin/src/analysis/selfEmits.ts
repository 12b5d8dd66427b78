// A 'timeout' handler that emits on the timed-out socket itself (`req.emit('error', new Error('timeout'))`,
// `this.emit('error', …)` in a function handler) hands the event to nobody new: the socket's own listeners
// for that event run, and whether the socket gets closed is up to them. Emitting 'error' by hand does not
// destroy a request.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { contains, enclosingFunction, type FunctionNode, staticString, unwrap } from './ast.js';
import { within } from './fileIndex.js';
import type { SocketModel } from './model.js';
import type { Origin } from './origin.js';

export interface SelfEmitEffect {
  /** A listener of an emitted event ends, destroys or re-arms something. */
  closes: boolean;
  /** A listener is not in the file, or hands the socket or the event on. */
  passesOn: boolean;
}

/**
 * What the emits written in `handler` lead to, when every one of them emits a named event on `origin`
 * itself; null when one emits elsewhere (a real re-emit) or when there is none in the handler's own code.
 */
export function selfEmitEffect(model: SocketModel, origin: Origin, handler: FunctionNode): SelfEmitEffect | null {
  const emits = within(model.index.closeCalls, (item) => item.node, handler.range).filter((close) => close.kind === 'emit');
  if (emits.length === 0) return null;
  const aliases = new Set(origin.aliases.map((alias) => unwrap(alias)));
  const events = new Set<string>();
  for (const emit of emits) {
    const callee = unwrap(emit.node.callee);
    const event = emit.node.arguments[0] ? staticString(emit.node.arguments[0]) : null;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || event === null) return null;
    if (!isTheSocket(unwrap(callee.object), aliases, handler)) return null;
    events.add(event);
  }
  const effect: SelfEmitEffect = { closes: false, passesOn: false };
  for (const listener of origin.listeners) {
    if (listener.event === null || !events.has(listener.event)) continue;
    const fn = listener.handlerFunction;
    if (!fn) {
      effect.passesOn = true;
      continue;
    }
    if (fn === handler || contains(handler, fn)) continue;
    const summary = model.handlers.of(fn);
    effect.closes ||= summary.ends || summary.destroys || summary.rearms;
    effect.passesOn ||= summary.emits || summary.handsOffSocket;
  }
  return effect;
}

/** An alias of the socket, or `this` of the `function` handler the socket calls. */
function isTheSocket(receiver: TSESTree.Node, aliases: ReadonlySet<TSESTree.Node>, handler: FunctionNode): boolean {
  if (aliases.has(receiver)) return true;
  return (
    receiver.type === AST_NODE_TYPES.ThisExpression &&
    handler.type !== AST_NODE_TYPES.ArrowFunctionExpression &&
    enclosingNonArrow(receiver) === handler
  );
}

function enclosingNonArrow(node: TSESTree.Node): FunctionNode | null {
  let fn = enclosingFunction(node);
  while (fn?.type === AST_NODE_TYPES.ArrowFunctionExpression) fn = enclosingFunction(fn);
  return fn;
}
