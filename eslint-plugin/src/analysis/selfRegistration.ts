// A connection object of this file that registers itself (issue 10, class 1): `Socket.sockets.push(this)`
// in the constructor of a class whose own methods emit 'close'. The object is built around a connection
// the file may not even see (a transport of another module), and the registry holds every object ever
// made, with its connection, unless something takes it out again. Found only when the file removes
// nothing from that registry anywhere: a removal in some method is trusted to run when it closes.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode, memberName, staticString, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { collectionKeyOf } from './handlers.js';
import type { PlaceKey } from './keys.js';
import { DefinitionType } from './scope.js';
import { STORE_METHODS } from './vocabulary.js';

// cheap test of the file's text before the index is built: a `this` stored, and an 'close' emitted
const STORES_THIS = /\.(?:push|unshift|add|set)\([^)]*\bthis\b/u;
const EMITS_CLOSE = /\.emit\(\s*['"`]close['"`]/u;

/** The file may hold a connection object that registers itself (the model's gate, from the text). */
export function mayRegisterItself(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return EMITS_CLOSE.test(sourceCode.text) && STORES_THIS.test(sourceCode.text);
}

/** `registry.push(this)` in the constructor of an owner that emits 'close', into a registry never pruned. */
export function selfRegistrations(index: FileIndex): TSESTree.ThisExpression[] {
  const closing = ownersEmittingClose(index);
  if (closing.size === 0) return [];
  let pruned: Set<string> | null = null;
  const found: TSESTree.ThisExpression[] = [];
  for (const call of index.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = memberName(callee);
    const self = call.arguments.find((argument) => argument.type === AST_NODE_TYPES.ThisExpression);
    if (method === null || !STORE_METHODS.has(method) || self?.type !== AST_NODE_TYPES.ThisExpression) continue;
    const fn = enclosingFunction(call);
    const owner = index.keyOf(self);
    if (!fn || !isConstructor(fn) || owner === null || !closing.has(owner) || isOwnField(index, callee.object)) continue;
    pruned ??= new Set(index.removals.map((removal) => collectionKeyOf(index, removal.collection)));
    if (!pruned.has(collectionKeyOf(index, callee.object))) found.push(self);
  }
  return found;
}

/** Owners (`c:3`, `f:7`) whose own code calls `this.emit('close', …)` (or through `const self = this`). */
function ownersEmittingClose(index: FileIndex): Set<PlaceKey> {
  const owners = new Set<PlaceKey>();
  for (const close of index.closeCalls) {
    const event = close.kind === 'emit' ? close.node.arguments[0] : undefined;
    const callee = close.node.callee;
    if (!event || staticString(event) !== 'close' || callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const receiver = unwrap(callee.object);
    if (receiver.type !== AST_NODE_TYPES.ThisExpression && !isThisAlias(index, receiver)) continue;
    const owner = index.keyOf(receiver);
    if (owner !== null) owners.add(owner);
  }
  return owners;
}

/** A class constructor, or a plain function that is not a method (ES5 `function Socket() { … }`). */
function isConstructor(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition) return parent.kind === 'constructor';
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  return parent.type !== AST_NODE_TYPES.Property && parent.type !== AST_NODE_TYPES.AssignmentExpression;
}

/** `this.peers` / `self.peers`: the object's own field, which dies with it (a static `Socket.sockets` does not). */
function isOwnField(index: FileIndex, collection: TSESTree.Node): boolean {
  let root = unwrap(collection);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
  return root.type === AST_NODE_TYPES.ThisExpression || isThisAlias(index, root);
}

/** `self` of `const self = this`. */
function isThisAlias(index: FileIndex, node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const def = index.variableOf(node)?.defs[0];
  return (
    def?.type === DefinitionType.Variable &&
    def.node.type === AST_NODE_TYPES.VariableDeclarator &&
    def.node.init?.type === AST_NODE_TYPES.ThisExpression
  );
}
