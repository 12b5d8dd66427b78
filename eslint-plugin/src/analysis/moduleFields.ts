// A socket module kept in a property and used through it: `this.proto = secure ? https : http` in a
// constructor, then `this.proto.request(options)` in a method. ReferenceTracker (modules.ts) follows a module
// through variables, and through a choice of modules kept in one (`const proto = secure ? https : http`), but
// not into a property. Each call of a factory through the property creates what the module's factory
// creates; when the property may hold either of two modules, the first one named stands for both (both rows
// make the same kind of origin: `http.request` and `https.request` differ only in their family).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isTransparent, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { type PlaceKey, withoutPrototype } from './keys.js';
import { DefinitionType } from './scope.js';
import { SOCKET_APIS, type SocketApi, type SocketApiId, socketApiId } from './socketApis.js';

/** An assignment that stores a socket module in a property, with the module (its specifier without `node:`). */
export interface StoredModule {
  target: TSESTree.MemberExpression;
  module: string;
}

const SOCKET_MODULES: ReadonlySet<string> = new Set(SOCKET_APIS.map((api) => api.module));

/**
 * Assignments `x.y = m`, `x.y = cond ? m1 : m2`, `x.y = m1 || m2` whose value can only be socket modules the
 * file holds in top-level variables (`const https = require('https')`, `import * as http from 'node:http'`).
 * Only the module scope's variables and their references are read: no walk of the file.
 */
export function storedSocketModules(scopeManager: TSESLint.Scope.ScopeManager): StoredModule[] {
  const stored: StoredModule[] = [];
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return stored;
  // CommonJS code has its top-level variables in the function scope Node wraps the module in
  const scopes = [globalScope, ...globalScope.childScopes.filter((scope) => scope.block === globalScope.block)];
  const modules = new Map<TSESLint.Scope.Variable, string>();
  for (const scope of scopes) {
    for (const variable of scope.variables) {
      const module = moduleObjectOf(variable);
      if (module !== null) modules.set(variable, module);
    }
  }
  if (modules.size === 0) return stored;
  const moduleOfReference = new Map<TSESTree.Node, string>();
  for (const [variable, module] of modules) {
    for (const reference of variable.references) moduleOfReference.set(reference.identifier, module);
  }
  const seen = new Set<TSESTree.Node>();
  for (const reference of moduleOfReference.keys()) {
    const assignment = storingAssignment(reference);
    if (!assignment || seen.has(assignment)) continue;
    seen.add(assignment);
    const module = moduleChosen(assignment.right, moduleOfReference);
    if (module !== null) stored.push({ target: assignment.left as TSESTree.MemberExpression, module });
  }
  return stored;
}

/** Calls of a socket factory through a property that holds the module: `this.proto.request(…)`. */
export function moduleFieldCalls(index: FileIndex, stored: readonly StoredModule[]): { call: TSESTree.CallExpression; kind: SocketApiId }[] {
  if (stored.length === 0) return [];
  const modulesByKey = new Map<PlaceKey, string>();
  for (const { target, module } of stored) {
    const key = index.keyOf(target);
    if (key !== null) modulesByKey.set(withoutPrototype(key), module);
  }
  const found: { call: TSESTree.CallExpression; kind: SocketApiId }[] = [];
  if (modulesByKey.size === 0) return found;
  for (const call of index.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) continue;
    const holder = unwrap(callee.object);
    if (holder.type !== AST_NODE_TYPES.MemberExpression) continue;
    const key = index.keyOf(holder);
    const module = key === null ? undefined : modulesByKey.get(withoutPrototype(key));
    const row = module === undefined ? undefined : factoryRow(module, callee.property.name);
    if (row) found.push({ call, kind: socketApiId(row) });
  }
  return found;
}

function factoryRow(module: string, name: string): SocketApi | undefined {
  return (SOCKET_APIS as readonly SocketApi[]).find((api) => api.module === module && api.factories?.includes(name));
}

/** The module whose object a variable holds: `const m = require('m')`, `import m from 'm'`, `import * as m from 'm'`. */
function moduleObjectOf(variable: TSESLint.Scope.Variable): string | null {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return null;
  let specifier: unknown = null;
  if (def.type === DefinitionType.ImportBinding) {
    const declaration = def.parent;
    const whole = def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier || def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier;
    if (whole && declaration?.type === AST_NODE_TYPES.ImportDeclaration) specifier = declaration.source.value;
  } else if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier) {
    const init = def.node.init ? unwrap(def.node.init) : null;
    if (
      init?.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal
    ) {
      specifier = init.arguments[0].value;
    }
  }
  if (typeof specifier !== 'string') return null;
  const module = specifier.startsWith('node:') ? specifier.slice('node:'.length) : specifier;
  return SOCKET_MODULES.has(module) ? module : null;
}

/** The assignment to a property whose value the identifier is, through `?:` branches and `||`/`??`. */
function storingAssignment(identifier: TSESTree.Node): TSESTree.AssignmentExpression | null {
  let node = identifier;
  for (;;) {
    const parent = node.parent;
    if (!parent) return null;
    const passes =
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
      parent.type === AST_NODE_TYPES.LogicalExpression ||
      isTransparent(parent);
    if (!passes) break;
    node = parent;
  }
  const assignment = node.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== node || assignment.operator !== '=') return null;
  return assignment.left.type === AST_NODE_TYPES.MemberExpression ? assignment : null;
}

/**
 * The module a value stands for when every value it may take is a module variable (`secure ? https : http`):
 * the first one named; null when any branch may be something else (`options.transport || http`).
 */
function moduleChosen(expression: TSESTree.Node, moduleOfReference: ReadonlyMap<TSESTree.Node, string>): string | null {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.ConditionalExpression || node.type === AST_NODE_TYPES.LogicalExpression) {
    const [first, second] = node.type === AST_NODE_TYPES.ConditionalExpression ? [node.consequent, node.alternate] : [node.left, node.right];
    const chosen = moduleChosen(first, moduleOfReference);
    return chosen !== null && moduleChosen(second, moduleOfReference) !== null ? chosen : null;
  }
  return moduleOfReference.get(node) ?? null;
}
