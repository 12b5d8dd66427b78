// What is kept for a socket need not be the socket itself (issue 10, class 2): `byPort[socket.remotePort] =
// entry`, `peers.set(`${socket.remoteAddress}:${socket.remotePort}`, peer)`, `names.push(socket.name)`.
// The entry was made for that one connection, so it must leave the collection when the socket closes, like
// the socket would. Reads each alias of the socket once, and a `const` holding the derived value once.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { isTransparent, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { Origin, Store } from './origin.js';

/** Collection methods that add one entry per call, whose argument may be a value read from the socket. */
const GROWING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add']);

/**
 * Values shared by every connection of one host: a key made of one of them alone (`hits[socket.remoteAddress]`,
 * `seen.add(socket.remoteAddress)`) names the peer host, a cache entry, not this connection; a list that
 * grows by one per connection (`push`) still grows.
 */
const HOST_PROPERTIES: ReadonlySet<string> = new Set(['remoteAddress', 'remoteFamily', 'localAddress', 'localPort', 'localFamily']);

/** Adds to `origin.stores` the entries keyed by (or made of) a value read from the socket. */
export function addDerivedStores(index: FileIndex, origin: Origin): void {
  const storing = new Set<TSESTree.Node>(origin.stores.map((store) => store.node));
  const add = (store: Store): void => {
    if (storing.has(store.node)) return;
    storing.add(store.node);
    origin.stores.push(store);
  };
  for (const alias of origin.aliases) {
    const member = alias.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== alias || !isValueRead(member)) continue;
    const value = climbDerived(member);
    const hostOnly = value === member && HOST_PROPERTIES.has(memberName(member) ?? '');
    const keep = (store: Store | null): void => {
      if (store && !(hostOnly && store.method !== 'push' && store.method !== 'unshift')) add(store);
    };
    const store = storeOf(value, alias, value);
    if (store) keep(store);
    else for (const use of constUses(index, value)) keep(storeOf(climbDerived(use), alias, value));
  }
}

/** `socket.remotePort` read as a value: not a method call, not written, not deleted. */
function isValueRead(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member) return false;
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) return false;
  if (parent.type === AST_NODE_TYPES.UpdateExpression) return false;
  return !(parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete');
}

/** Up through expressions that still name one connection: `a + ':' + b`, template literals, `String(x)`. */
function climbDerived(start: TSESTree.Node): TSESTree.Node {
  let node = start;
  for (;;) {
    const parent = node.parent;
    if (!parent) return node;
    const isStringCall =
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === node &&
      parent.callee.type === AST_NODE_TYPES.Identifier &&
      parent.callee.name === 'String';
    if (
      isTransparent(parent) ||
      (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+') ||
      parent.type === AST_NODE_TYPES.TemplateLiteral ||
      isStringCall
    ) {
      node = parent;
      continue;
    }
    return node;
  }
}

/** The store the derived value makes where it is used: a computed key, a map key, a pushed entry. */
function storeOf(value: TSESTree.Node, socket: TSESTree.Node, derivedFrom: TSESTree.Node): Store | null {
  const parent = value.parent;
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.computed && parent.property === value) {
    const assignment = parent.parent;
    if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left !== parent || assignment.operator !== '=') {
      return null;
    }
    if (isCleared(assignment.right)) return null;
    return { node: assignment, collection: parent.object, method: 'index', key: value, socket, viaRecord: false, derivedFrom };
  }
  if (parent.type !== AST_NODE_TYPES.CallExpression || parent.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(parent.callee);
  const collection = parent.callee.object;
  if (method === 'set' && parent.arguments[0] === value && parent.arguments.length === 2) {
    return { node: parent, collection, method: 'set', key: value, socket, viaRecord: false, derivedFrom };
  }
  if (method !== null && GROWING_METHODS.has(method) && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) {
    return { node: parent, collection, method: method as Store['method'], key: null, socket, viaRecord: false, derivedFrom };
  }
  return null;
}

/** `const key = socket.remoteAddress + ':' + socket.remotePort`: the reads of `key`. */
function constUses(index: FileIndex, value: TSESTree.Node): TSESTree.Node[] {
  const declarator = value.parent;
  if (
    declarator?.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== value ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.parent.kind !== 'const'
  ) {
    return [];
  }
  const variable = index.variableOf(declarator.id);
  return (variable?.references ?? []).filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node);
}

/** `c[k] = null` / `c[k] = undefined` is a removal, not a store. */
function isCleared(value: TSESTree.Node): boolean {
  const node = unwrap(value);
  return (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}
