// `handleHybiUpgrade.apply(this, arguments)`: a function that passes its own `arguments` on to a function
// of the file hands each of its parameters to the parameter at the same position there. The flow follows a
// socket parameter through it, so that an 'error' listener added there is seen.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { resolveFunction } from './functions.js';
import { DefinitionType } from './scope.js';

export interface ArgumentsForwarding {
  /** The `f.apply(this, arguments)` call. */
  call: TSESTree.CallExpression;
  /** The function of the file it runs, and the parameter there that receives the tracked one. */
  fn: FunctionNode;
  position: number;
}

/** Where a parameter is passed on with `f.apply(thisArg, arguments)` to functions of the file. */
export function forwardedArguments(index: FileIndex, parameter: TSESLint.Scope.Variable): ArgumentsForwarding[] {
  const def = parameter.defs[0];
  if (parameter.defs.length !== 1 || def?.type !== DefinitionType.Parameter || !isFunction(def.node)) return [];
  const owner = def.node;
  // arrow functions have no `arguments` of their own
  if (owner.type === AST_NODE_TYPES.ArrowFunctionExpression) return [];
  const position = owner.params.indexOf(def.name);
  if (position < 0) return [];
  const argumentsVariable = index.sourceCode.scopeManager?.acquire(owner)?.set.get('arguments');
  if (!argumentsVariable) return [];
  const forwardings: ArgumentsForwarding[] = [];
  for (const reference of argumentsVariable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== identifier) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'apply') continue;
    const fn = resolveFunction(index, callee.object);
    if (fn) forwardings.push({ call, fn, position });
  }
  return forwardings;
}
