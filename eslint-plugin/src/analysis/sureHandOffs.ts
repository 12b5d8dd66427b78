// Hand-offs that leave a socket in hands that are sure to take care of it, even for a reader who trusts
// no code outside the file (`trustHandOff: false`, the strict config). Such a reader still reports a socket
// that the file used and then let go, but not:
// - a socket the function only builds: created and handed over as it is (`return net.connect(options)`,
//   `callback(null, new Socket())`), untouched by the file. A factory is the receiver's to wire.
// - a socket returned by the function that creates it, or passed to the callback its caller gave
//   (`cb(null, socket)`): the caller has it before any event can fire, and is the one to wire it.
// - a socket that becomes the transport of a new one (`tls.connect({ socket })`): the new socket is
//   checked on its own.
// - a socket kept on an object that passes itself to its base class's constructor (`Base.call(this, options)`):
//   the base class is part of the same object.
// - a socket offered to a callback of the caller before any event can fire, whatever follows (offeredToCaller.ts).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { offeredToCallerFirst } from './offeredToCaller.js';
import type { HandOff, Origin } from './origin.js';
import { DefinitionType } from './scope.js';

/** Every hand-off of the origin is a sure one (and there is at least one). */
export function inSureHands(origin: Origin, origins: readonly Origin[], index: FileIndex): boolean {
  if (origin.handOffs.length === 0) return false;
  if (onlyBuilt(origin) || offeredToCallerFirst(origin, index)) return true;
  const created = new Set<TSESTree.Node>(origins.map((other) => other.node));
  return origin.handOffs.every(
    (handOff) =>
      created.has(handOff.node) ||
      isBaseConstructorCall(handOff) ||
      returnedByCreator(origin, handOff) ||
      (origin.via === 'api' && callsParameter(handOff, index)),
  );
}

/** Created and handed over in one expression: nothing of the file listens, stores or calls on it. */
function onlyBuilt(origin: Origin): boolean {
  return (
    origin.via === 'api' &&
    origin.listeners.length === 0 &&
    origin.stores.length === 0 &&
    origin.aliases.every((alias) => unwrap(alias) === origin.node)
  );
}

/** `return socket` from the function that created it: the caller has it before any event, and is the one to wire it. */
function returnedByCreator(origin: Origin, { node, reason }: HandOff): boolean {
  if (reason !== 'return' || origin.via !== 'api') return false;
  const fn = node.type === AST_NODE_TYPES.ArrowFunctionExpression ? node : enclosingFunction(node);
  return fn !== null && fn === origin.enclosingFunction;
}

/** `callback(null, socket)` with `callback` a parameter: the continuation the caller gave, the caller's return. */
function callsParameter({ node }: HandOff, index: FileIndex): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  const variable = callee.type === AST_NODE_TYPES.Identifier ? index.variableOf(callee) : null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Parameter) return false;
  // `resolve` of a promise executor runs its receivers later: an error emitted meanwhile is unheard (ioredis 2f9928b)
  const executorOf = def.node.parent;
  return !(
    executorOf?.type === AST_NODE_TYPES.NewExpression &&
    executorOf.callee.type === AST_NODE_TYPES.Identifier &&
    executorOf.callee.name === 'Promise'
  );
}

/** `Base.call(this, …)` / `Base.apply(this, arguments)` in a constructor: the object hands itself to its base class. */
function isBaseConstructorCall({ node }: HandOff): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  const base = unwrap(callee.object);
  const self = node.arguments[0];
  return (
    (method === 'call' || method === 'apply') &&
    base.type === AST_NODE_TYPES.Identifier &&
    /^[A-Z]/u.test(base.name) &&
    self?.type === AST_NODE_TYPES.ThisExpression &&
    node.parent.type === AST_NODE_TYPES.ExpressionStatement &&
    enclosingFunction(node)?.type !== AST_NODE_TYPES.ArrowFunctionExpression
  );
}
