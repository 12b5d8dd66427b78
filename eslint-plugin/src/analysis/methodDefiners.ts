// Methods defined through a helper on a constructor of the file: `Transformer.readable('upgrade',
// function upgrade(req, socket, head) {…})` (fusing's `readable` / `writable`, predefine and the like put the
// function on the prototype under that name). The file index treats them as `Ctor.prototype.upgrade = …`,
// so that `server.on('upgrade', this.upgrade.bind(this))` runs a handler the model can see.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, staticString, unwrap } from './ast.js';

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
