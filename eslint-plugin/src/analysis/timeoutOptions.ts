// Whether a request is created with a `timeout` option, in the spellings real code uses: the object
// written in place, or kept in a variable (`const options = { timeout }`, `options.timeout = ms`),
// merged (`Object.assign({}, this.defaults, { … })`, `{ ...defaults }`), or kept on the owner and set in
// another method (`this.defaults = Object.assign({ timeout: TIMEOUT }, defaults)` in the constructor).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { keyName, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { DefinitionType } from './scope.js';

const OPTION = 'timeout';

/** How many steps (a variable, a merge, a field) the option is followed through. */
const MAX_STEPS = 8;

/** Functions that copy the properties of their arguments into the first (`Object.assign`, lodash, `extend`). */
const MERGING_FUNCTIONS: ReadonlySet<string> = new Set(['assign', 'extend', 'merge', 'defaults', 'defaultsDeep']);

/** Some argument of the creating call holds a `timeout` option that arms the timer. */
export function setsTimeoutOption(index: FileIndex, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const seen = new Set<TSESTree.Node>();
  return call.arguments.some((argument) => holdsTimeout(index, argument, seen, 0));
}

function holdsTimeout(index: FileIndex, expression: TSESTree.Node, seen: Set<TSESTree.Node>, depth: number): boolean {
  const node = unwrap(expression);
  if (depth > MAX_STEPS || seen.has(node)) return false;
  seen.add(node);
  const deeper = (next: TSESTree.Node): boolean => holdsTimeout(index, next, seen, depth + 1);
  switch (node.type) {
    case AST_NODE_TYPES.ObjectExpression:
      return node.properties.some((property) => {
        if (property.type === AST_NODE_TYPES.SpreadElement) return deeper(property.argument);
        return keyName(property.key, property.computed) === OPTION && armsTimer(property.value);
      });
    case AST_NODE_TYPES.ConditionalExpression:
      return deeper(node.consequent) || deeper(node.alternate);
    case AST_NODE_TYPES.LogicalExpression:
      return deeper(node.left) || deeper(node.right);
    case AST_NODE_TYPES.CallExpression:
      return isMergingCall(node) && node.arguments.some(deeper);
    case AST_NODE_TYPES.Identifier:
      return variableHoldsTimeout(index, node, deeper);
    case AST_NODE_TYPES.MemberExpression:
      return fieldHoldsTimeout(index, node, deeper);
    default:
      return false;
  }
}

/** `timeout: 0`, `null` or `undefined` leave the timer off. */
function armsTimer(value: TSESTree.Node): boolean {
  const node = unwrap(value);
  if (node.type === AST_NODE_TYPES.Identifier) return node.name !== 'undefined';
  return !(node.type === AST_NODE_TYPES.Literal && (node.value === 0 || node.value === null));
}

function isMergingCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression
        ? memberName(callee)
        : null;
  return name !== null && MERGING_FUNCTIONS.has(name);
}

/** What the variable is initialised or assigned with, and `options.timeout = ms` / `Object.assign(options, …)` on it. */
function variableHoldsTimeout(
  index: FileIndex,
  identifier: TSESTree.Identifier,
  deeper: (next: TSESTree.Node) => boolean,
): boolean {
  const variable = index.variableOf(identifier);
  if (!variable) return false;
  for (const def of variable.defs) {
    if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      if (def.node.id === def.name && deeper(def.node.init)) return true;
    }
  }
  return variable.references.some((reference) => {
    const used = reference.identifier as TSESTree.Node;
    if (reference.isWrite() && !reference.init && used.parent?.type === AST_NODE_TYPES.AssignmentExpression) {
      return used.parent.left === used && deeper(used.parent.right);
    }
    return setsOptionOn(used, deeper);
  });
}

/** `this.defaults`: what any method assigns to that field, and `this.defaults.timeout = ms`. */
function fieldHoldsTimeout(
  index: FileIndex,
  member: TSESTree.MemberExpression,
  deeper: (next: TSESTree.Node) => boolean,
): boolean {
  const key = index.keyOf(member);
  if (key === null) return false;
  return index.membersByKey(key).some((same) => {
    const parent = same.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === same) return deeper(parent.right);
    return setsOptionOn(same, deeper);
  });
}

/** `options.timeout = ms`, or `Object.assign(options, { timeout })`, on a use of the options object. */
function setsOptionOn(used: TSESTree.Node, deeper: (next: TSESTree.Node) => boolean): boolean {
  const parent = used.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === used && memberName(parent) === OPTION) {
    const assignment = parent.parent;
    return assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent && armsTimer(assignment.right);
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === used && isMergingCall(parent)) {
    return parent.arguments.slice(1).some(deeper);
  }
  return false;
}
