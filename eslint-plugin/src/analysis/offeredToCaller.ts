// A socket the creating function gives to a callback of its caller before any event can fire
// (`options.onSocket(socket)`, `cb(socket)` right after `net.connect`): the caller holds it in time to wire
// it, so whatever the function does with it later (resolving a promise with it once it opens) is not a
// hand-off that leaves it unheard. A hook the caller may leave out (`if (options.onInit) options.onInit(ws)`)
// counts: the function offers the socket in time, and a caller who declines the offer takes the socket as is.
// Only the function's own straight code runs before an event: a call inside a listener or a timer comes late.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { HandOff, Origin } from './origin.js';
import { DefinitionType } from './scope.js';

/** Some hand-off of the origin passes it to a caller's callback in the creating function itself, after its creation. */
export function offeredToCallerFirst(origin: Origin, index: FileIndex): boolean {
  if (origin.via !== 'api' || origin.enclosingFunction === null) return false;
  const aliases = new Set<TSESTree.Node>(origin.aliases);
  return origin.handOffs.some(
    (handOff) =>
      handOff.node.range[0] > origin.node.range[1] &&
      enclosingFunction(handOff.node) === origin.enclosingFunction &&
      callsCallerCallback(handOff, aliases, index),
  );
}

/** `cb(socket)` / `options.onSocket(socket)` with `cb` / `options` a parameter, the socket itself an argument. */
function callsCallerCallback({ node }: HandOff, aliases: ReadonlySet<TSESTree.Node>, index: FileIndex): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  if (!node.arguments.some((argument) => aliases.has(argument))) return false;
  const callee = unwrap(node.callee);
  const holder = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? unwrap(callee.object) : callee;
  const variable = holder.type === AST_NODE_TYPES.Identifier ? index.variableOf(holder) : null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Parameter || def.node !== enclosingFunction(node)) return false;
  // `resolve` of a promise executor runs its receivers later: an error emitted meanwhile is unheard (ioredis 2f9928b)
  const executorOf = def.node.parent;
  const constructed = executorOf?.type === AST_NODE_TYPES.NewExpression ? unwrap(executorOf.callee) : null;
  return !(constructed?.type === AST_NODE_TYPES.Identifier && constructed.name === 'Promise');
}
