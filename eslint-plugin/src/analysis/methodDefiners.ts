// Methods defined through a helper on a constructor of the file: `Transformer.readable('upgrade',
// function upgrade(req, socket, head) {…})` (fusing's `readable` / `writable`, predefine and the like put the
// function on the prototype under that name). The file index treats them as `Ctor.prototype.upgrade = …`,
// so that `server.on('upgrade', this.upgrade.bind(this))` runs a handler the model can see; likewise the
// functions of a literal that fills a prototype.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, memberName, staticString, unwrap } from './ast.js';

export interface DefinedMethod {
  /** The constructor the helper is called on (`Transformer`). */
  owner: TSESTree.Identifier;
  name: string;
}

/**
 * `Owner.helper('name', function () {…})`: exactly a constant name and the function. Whether `Owner` is a
 * constructor of the file (a function or class declaration) is for the caller to check.
 */
export function definedMethod(fn: FunctionNode): DefinedMethod | null {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length !== 2 || call.arguments[1] !== fn) return null;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return null;
  const nameArgument = call.arguments[0];
  const name = nameArgument ? staticString(nameArgument) : null;
  return name === null ? null : { owner: callee.object, name };
}

/**
 * `Ctor.prototype = { onConnect(req, socket) {…} }` and `Object.assign(Ctor.prototype, {…})`: the literal's
 * functions are the constructor's methods, and their `this` is an instance.
 */
export function prototypeLiteralOwner(object: TSESTree.ObjectExpression): TSESTree.Node | null {
  const parent = object.parent;
  let target: TSESTree.Node | undefined;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === object && parent.operator === '=') {
    target = parent.left;
  } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === object && isObjectAssign(parent.callee)) {
    target = parent.arguments[0];
  }
  const member = target ? unwrap(target) : null;
  return member?.type === AST_NODE_TYPES.MemberExpression && memberName(member) === 'prototype' ? member.object : null;
}

function isObjectAssign(callee: TSESTree.Node): boolean {
  const inner = unwrap(callee);
  return (
    inner.type === AST_NODE_TYPES.MemberExpression &&
    inner.object.type === AST_NODE_TYPES.Identifier &&
    inner.object.name === 'Object' &&
    memberName(inner) === 'assign'
  );
}
