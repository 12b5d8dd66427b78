// `callback(socket)` where `callback` is a parameter of a function of the file that every caller gives a
// function of the file (`handleUpgrade(req, (socket) => { socket.on('error', …) })`): the socket goes to those
// functions, not out of sight. One unknown caller or callback and the call stays a hand-off.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { callersOf, resolveFunction } from './functions.js';
import { DefinitionType } from './scope.js';

/** The functions a call through a callback parameter runs, or null when one of them is not in sight. */
export function callbackTargets(index: FileIndex, call: TSESTree.CallExpression | TSESTree.NewExpression): FunctionNode[] | null {
  const callee = unwrap(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = index.variableOf(callee);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== DefinitionType.Parameter || !isFunction(def.node)) return null;
  // a parameter given a new value (`callback = callback || noop`) may be anything
  if (variable.references.some((reference) => reference.isWrite())) return null;
  const position = def.node.params.indexOf(def.name);
  const callers = position < 0 ? null : callersOf(index, def.node);
  if (!callers || callers.length === 0) return null;
  const targets: FunctionNode[] = [];
  for (const caller of callers) {
    const argument = caller.arguments[position];
    const target = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? resolveFunction(index, argument) : null;
    if (!target) return null;
    targets.push(target);
  }
  return targets;
}
