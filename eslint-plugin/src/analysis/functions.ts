// Which function of this file a call or a handler argument runs: plain functions, `this.method`,
// `obj.method` for `obj = new C()` of a file class, object-literal methods, `.bind(...)`.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { handlerTableEntry } from './handlerTables.js';
import { isClassKey, isFunctionKey } from './keys.js';
import { DefinitionType } from './scope.js';
import { wrappedFunction } from './wrappedHandlers.js';

/** The same-file function a callee expression names, or null when it is not in the file. */
export function resolveFunction(index: FileIndex, expression: TSESTree.Node): FunctionNode | null {
  const node = unwrap(expression);
  if (isFunction(node)) return node;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = index.variableOf(node);
    if (!variable || variable.defs.length !== 1) return null;
    const def = variable.defs[0];
    if (!def) return null;
    if (def.type === DefinitionType.FunctionName && isFunction(def.node)) return def.node;
    if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
      const init = unwrap(def.node.init);
      if (isFunction(init)) return init;
      // const handler = onClose.bind(null)
      if (isBindCall(init)) return resolveFunction(index, (init.callee as TSESTree.MemberExpression).object);
      // var onUpgrade = this._handlers.upgrade (handlerTables.ts)
      if (init.type === AST_NODE_TYPES.MemberExpression) return resolveTableEntry(index, init);
    }
    return null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(node);
    if (name === null) return null;
    const ownerKey = index.keyOf(node.object);
    const method = ownerKey === null ? undefined : index.methodsOf(ownerKey)?.get(name);
    return method ?? resolveTableEntry(index, node);
  }
  if (isBindCall(node)) return resolveFunction(index, (node.callee as TSESTree.MemberExpression).object);
  return null;
}

// entries being resolved: `this.h = { a: this.h.a }` names itself
const resolvingEntries = new Set<TSESTree.Node>();

/** The function a handler table's entry runs (`this._handlers.upgrade` for `{ upgrade: this.onUpgrade.bind(this) }`). */
function resolveTableEntry(index: FileIndex, member: TSESTree.MemberExpression): FunctionNode | null {
  const entry = handlerTableEntry(index, member);
  if (!entry || resolvingEntries.has(entry)) return null;
  resolvingEntries.add(entry);
  try {
    return resolveFunction(index, entry);
  } finally {
    resolvingEntries.delete(entry);
  }
}

/**
 * The same-file function a value runs when it is called: `resolveFunction`, and also through a wrapper
 * (`once(() => …)`, `const fail = once(fn)`). Only for values known to be called (callees, handlers):
 * `const socket = net.connect(port, () => …)` is no wrapper of its callback.
 */
export function resolveCalledFunction(index: FileIndex, expression: TSESTree.Node): FunctionNode | null {
  const fn = resolveFunction(index, expression);
  if (fn) return fn;
  let node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = index.variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return null;
    node = def.node.init;
  }
  const wrapped = wrappedFunction(node);
  return wrapped ? resolveFunction(index, wrapped) : null;
}

/** `f.bind(...)`. */
export function isBindCall(node: TSESTree.Node): node is TSESTree.CallExpression {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node.callee) === 'bind'
  );
}

export interface CallTarget {
  fn: FunctionNode;
  /** Index of the parameter that receives argument 0 of the call. */
  parameterOffset: number;
}

/** The same-file function a call runs, with `.call`/`.bind`/`.apply` argument shifts. */
export function resolveCall(
  index: FileIndex,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): CallTarget | null {
  const callee = unwrap(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const constructor = resolveConstructor(index, callee);
    return constructor ? { fn: constructor, parameterOffset: 0 } : null;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(callee);
    if (name === 'call' || name === 'bind') {
      const fn = resolveCalledFunction(index, callee.object);
      return fn ? { fn, parameterOffset: -1 } : null;
    }
  }
  const fn = resolveCalledFunction(index, callee);
  return fn ? { fn, parameterOffset: 0 } : null;
}

/** The constructor of a class (or ES5 constructor function) of this file. */
function resolveConstructor(index: FileIndex, callee: TSESTree.Node): FunctionNode | null {
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.ClassExpression) return null;
  const key = index.keyOf(callee);
  if (key !== null && isClassKey(key)) return index.methodsOf(key)?.get('constructor') ?? null;
  if (key !== null && isFunctionKey(key)) return resolveFunction(index, callee);
  return null;
}

/** The identifiers every same-file call of `fn` is made through, or null if `fn` escapes (exported, passed on). */
export function callersOf(index: FileIndex, fn: FunctionNode): TSESTree.CallExpression[] | null {
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (
      fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration
    ) {
      return null;
    }
    name = fn.id;
  } else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
    if (fn.parent.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
    name = fn.parent.id;
  }
  if (!name) return null;
  const variable = index.variableOf(name);
  if (!variable) return null;
  const callers: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    const identifier = reference.identifier as TSESTree.Node;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) callers.push(parent);
    else if (reference.isRead()) return null;
  }
  return callers;
}
