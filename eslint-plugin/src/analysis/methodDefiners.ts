// Methods defined through a helper on a constructor of the file: `Transformer.readable('upgrade',
// function upgrade(req, socket, head) {…})` (fusing's `readable` / `writable`, predefine and the like put the
// function on the prototype under that name). The file index treats them as `Ctor.prototype.upgrade = …`,
// so that `server.on('upgrade', this.upgrade.bind(this))` runs a handler the model can see; likewise the
// functions of a literal that fills a prototype.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, keyName, memberName, staticString, unwrap } from './ast.js';

export interface DefinedMethod {
  /** The constructor the helper is called on (`Transformer`). */
  owner: TSESTree.Identifier;
  name: string;
}

/**
 * `Owner.helper('name', function () {…})`: exactly a constant name and the function; or a method of a class
 * compiled by Babel (`compiledClassMethod`). Whether `Owner` is a constructor of the file (a function or
 * class declaration) is for the caller to check.
 */
export function definedMethod(fn: FunctionNode): DefinedMethod | null {
  const call = fn.parent;
  if (call.type === AST_NODE_TYPES.Property) return compiledClassMethod(fn, call);
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

// `_createClass`, `(0, _createClass3.default)`, `babelHelpers.createClass`: Babel's helper, inlined or imported
const CREATE_CLASS = /^_?createClass\d*$/iu;

/**
 * `_createClass(Ctor, [{ key: 'name', value: function () {…} }], statics)`: Babel's compiled class puts each
 * descriptor's function on the prototype (the second argument; the statics' `this` is the constructor).
 */
function compiledClassMethod(fn: FunctionNode, property: TSESTree.Property): DefinedMethod | null {
  const descriptor = property.parent;
  if (property.value !== fn || keyName(property.key, property.computed) !== 'value' || descriptor.type !== AST_NODE_TYPES.ObjectExpression) {
    return null;
  }
  const list = descriptor.parent;
  const call = list.type === AST_NODE_TYPES.ArrayExpression ? list.parent : null;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[1] !== list) return null;
  const owner = call.arguments[0];
  const helper = helperName(call.callee);
  if (owner?.type !== AST_NODE_TYPES.Identifier || helper === null || !CREATE_CLASS.test(helper)) return null;
  for (const entry of descriptor.properties) {
    if (entry.type !== AST_NODE_TYPES.Property || keyName(entry.key, entry.computed) !== 'key') continue;
    const name = staticString(entry.value);
    return name === null ? null : { owner, name };
  }
  return null;
}

/** `_createClass`, `(0, _createClass3.default)` → `_createClass3`, `babelHelpers.createClass` → `createClass`. */
function helperName(callee: TSESTree.Node): string | null {
  let inner = unwrap(callee);
  if (inner.type === AST_NODE_TYPES.SequenceExpression) inner = unwrap(inner.expressions.at(-1) ?? inner);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(inner);
  const object = unwrap(inner.object);
  return name === 'default' && object.type === AST_NODE_TYPES.Identifier ? object.name : name;
}
