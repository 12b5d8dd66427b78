// Where a socket's missing 'error' listener belongs when the file wires it up in a function it shares with
// other sockets. `establishConnection(socket)` adds the 'data', 'end' and 'close' listeners of every socket
// a WebSocket runs on: the one its client request's 'upgrade' hands over, and the one its server passes
// in. The origin the model sees (the 'upgrade' parameter) is one of them; the listener belongs where the
// others are added, and added there it covers the sockets the file does not show (ws adbc68c6 in
// real-bugs/ was fixed there). A wiring function only this origin reaches keeps the report at the origin.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { Origin } from './origin.js';
import { callSites } from './outlivedErrorListener.js';
import { DefinitionType } from './scope.js';
import { followsLife } from './wiring.js';

/**
 * The parameter of the function of the file that adds every lifecycle listener of `origin`, when that is
 * not the function the origin enters and the file also calls it with something else; else null.
 */
export function sharedWiringParameter(index: FileIndex, origin: Origin): TSESTree.Identifier | null {
  let wiring: { fn: FunctionNode; parameter: TSESTree.Identifier } | null = null;
  for (const listener of origin.listeners) {
    if (!followsLife(origin, listener)) continue;
    const receiver = unwrap(listener.receiver);
    const def = receiver.type === AST_NODE_TYPES.Identifier ? index.variableOf(receiver)?.defs[0] : undefined;
    if (def?.type !== DefinitionType.Parameter || !isFunction(def.node) || def.name.type !== AST_NODE_TYPES.Identifier) return null;
    if (wiring === null) wiring = { fn: def.node, parameter: def.name };
    else if (wiring.parameter !== def.name) return null;
  }
  if (wiring === null || wiring.fn === origin.enclosingFunction || wiring.parameter === origin.node) return null;
  const aliases = new Set<TSESTree.Node>(origin.aliases);
  const sites = [...(callSites(index).get(wiring.fn) ?? []), ...constructions(index, wiring.fn)];
  const shared = sites.some((site) => !site.arguments.some((argument) => aliases.has(argument)));
  return shared ? wiring.parameter : null;
}

/** `new C(…)` of a constructor of the file, through the name of its class or function. */
function constructions(index: FileIndex, fn: FunctionNode): TSESTree.NewExpression[] {
  const owner =
    fn.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor' ? fn.parent.parent.parent : fn;
  const found: TSESTree.NewExpression[] = [];
  if (owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.FunctionDeclaration) return found;
  // a class declares its name twice (outside, and inside for its own body): both hold references
  for (const variable of index.sourceCode.getDeclaredVariables(owner)) {
    // a function declares its parameters too
    if (variable.name !== owner.id?.name) continue;
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === reference.identifier) found.push(parent);
    }
  }
  return found;
}
