// Handlers kept in an object literal stored in one place and registered by reference (issue 10, class 7):
//   this._handlers = { upgrade: this.handleUpgrade.bind(this) };
//   server.on('upgrade', this._handlers.upgrade);   // or: var onUpgrade = this._handlers.upgrade; …
// The registration names the table's entry, not the function: `resolveFunction` (functions.ts) asks here which
// function that entry runs. Only a place given exactly one value, an object literal, is such a table: a place
// assigned twice may hold another object when the handler is registered.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { keyName, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { PlaceKey } from './keys.js';
import { DefinitionType } from './scope.js';

type Table = ReadonlyMap<string, TSESTree.Node> | null;

const tablesByIndex = new WeakMap<FileIndex, Map<PlaceKey, Table>>();

/** The value a table entry `place.name` holds (`this.handleUpgrade.bind(this)`), or null when `place` is no table. */
export function handlerTableEntry(index: FileIndex, member: TSESTree.MemberExpression): TSESTree.Node | null {
  const name = memberName(member);
  if (name === null) return null;
  const literal = variableLiteral(index, member.object);
  if (literal) return entriesOf(literal).get(name) ?? null;
  const key = index.keyOf(member.object);
  if (key === null) return null;
  let tables = tablesByIndex.get(index);
  if (!tables) tablesByIndex.set(index, (tables = new Map<PlaceKey, Table>()));
  let table = tables.get(key);
  if (table === undefined) tables.set(key, (table = tableAt(index, key)));
  return table?.get(name) ?? null;
}

/** The entries of the one object literal a place is given, or null when it is given anything else or more than once. */
function tableAt(index: FileIndex, key: PlaceKey): Table {
  let literal: TSESTree.ObjectExpression | null = null;
  for (const member of index.membersByKey(key)) {
    const parent = member.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== member) continue;
    const value = unwrap(parent.right);
    if (literal !== null || parent.operator !== '=' || value.type !== AST_NODE_TYPES.ObjectExpression) return null;
    literal = value;
  }
  return literal === null ? null : entriesOf(literal);
}

/** `const handlers = { … }`: the literal a constant-like variable is declared with (assigned nowhere else). */
function variableLiteral(index: FileIndex, node: TSESTree.Node): TSESTree.ObjectExpression | null {
  const object = unwrap(node);
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = index.variableOf(object);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init)
    return null;
  if (variable?.references.some((reference) => reference.isWrite() && reference.identifier !== def.node.id))
    return null;
  const init = unwrap(def.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : null;
}

function entriesOf(literal: TSESTree.ObjectExpression): ReadonlyMap<string, TSESTree.Node> {
  const entries = new Map<string, TSESTree.Node>();
  for (const property of literal.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init') continue;
    const name = keyName(property.key, property.computed);
    if (name !== null && !entries.has(name)) entries.set(name, property.value);
  }
  return entries;
}
