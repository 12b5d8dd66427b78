// Where the file reaches Node's socket APIs: `require('net')`, `import { connect } from 'node:tls'`,
// namespaces, destructuring, aliases — all found by eslint-utils' ReferenceTracker.
import { isBuiltin } from 'node:module';

import { CALL, CONSTRUCT, ESM, READ, ReferenceTracker, getStringIfConstant } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { DefinitionType } from './scope.js';
import { SOCKET_APIS, type SocketApi, type SocketApiId, socketApiId } from './socketApis.js';

/** What a tracked module member creates (a row of socketApis.ts) or does (the helpers below). */
export type ApiKind =
  | SocketApiId
  | 'stream.pipeline'
  | 'stream.finished'
  | 'promises.pipeline'
  | 'promises.finished'
  | 'events.once'
  | 'events.errorMonitor'
  /** `EventEmitter.call(this)`, `Duplex.call(this, options)`: a core base constructor, it keeps nothing of `this`. */
  | 'core.superCall'
  /** A factory read without being called (`Agent.prototype.createConnection = net.createConnection`): factoryAliases.ts. */
  | FactoryRead;

export type FactoryRead = `read:${SocketApiId}`;

export const factoryRead = (id: SocketApiId): FactoryRead => `read:${id}`;

type TraceMap = Record<string | symbol, unknown>;

const call = (kind: ApiKind): TraceMap => ({ [CALL]: kind });
const construct = (kind: ApiKind): TraceMap => ({ [CONSTRUCT]: kind });

/** Module → its members that create sockets, servers and requests, from the table. */
function socketApiModules(): Record<string, TraceMap> {
  const modules: Record<string, TraceMap> = {};
  for (const api of SOCKET_APIS as readonly SocketApi[]) {
    const id = socketApiId(api);
    const map = (modules[api.module] ??= {});
    for (const name of api.factories ?? []) map[name] = { [CALL]: id, [READ]: factoryRead(id) };
    for (const name of api.constructors ?? []) map[name] = construct(id);
    if (api.moduleIsConstructor) map[CONSTRUCT] = id;
  }
  return modules;
}

// Helpers that are no socket but cover one: they listen for its 'error' or tell when it closed.
const streamPromises: TraceMap = {
  pipeline: call('promises.pipeline'),
  finished: call('promises.finished'),
};
const superCall: TraceMap = { call: call('core.superCall'), apply: call('core.superCall') };
const stream: TraceMap = {
  ...superCall,
  pipeline: call('stream.pipeline'),
  finished: call('stream.finished'),
  promises: streamPromises,
  Stream: superCall,
  Readable: superCall,
  Writable: superCall,
  Duplex: superCall,
  Transform: superCall,
  PassThrough: superCall,
};
const events: TraceMap = {
  ...superCall,
  once: call('events.once'),
  errorMonitor: { [READ]: 'events.errorMonitor' },
  EventEmitter: { ...superCall, once: call('events.once'), errorMonitor: { [READ]: 'events.errorMonitor' } },
};

const MODULES: Record<string, TraceMap> = {
  ...socketApiModules(),
  stream,
  'stream/promises': streamPromises,
  events,
};

/** Node's built-ins answer to `node:net` as well as `net`. */
function withNodePrefix(maps: Record<string, TraceMap>): Record<string, TraceMap> {
  const all: Record<string, TraceMap> = {};
  for (const [name, map] of Object.entries(maps)) {
    all[name] = map;
    if (isBuiltin(name)) all[`node:${name}`] = map;
  }
  return all;
}

const CJS_TRACE_MAP = withNodePrefix(MODULES);
// For `import`, the default export is the module object itself (Node's built-ins and ws alike).
const ESM_TRACE_MAP = Object.fromEntries(
  Object.entries(CJS_TRACE_MAP).map(([name, map]) => [name, { [ESM]: true, default: map, ...map }]),
);

export interface ApiReference {
  node: TSESTree.Node;
  kind: ApiKind;
}

/**
 * Every use of a tracked API in the file, keyed by the call / `new` / read node.
 * ESLint 10 parses `.js` as a module without a `require` global, so an undeclared `require('net')`
 * (an unresolved reference) counts as CommonJS `require` too.
 */
export function findApiReferences(scopeManager: TSESLint.Scope.ScopeManager): Map<TSESTree.Node, ApiKind> {
  const found = new Map<TSESTree.Node, ApiKind>();
  const globalScope = scopeManager.globalScope;
  if (!globalScope) return found;
  const tracker = new ReferenceTracker(globalScope as never);
  const add = (node: unknown, info: unknown): void => {
    // a factory read counts only where it is stored (`X.prototype.connect = net.connect`), not at every call
    if (typeof info === 'string' && info.startsWith('read:') && !isStored(node as TSESTree.Node)) return;
    found.set(node as TSESTree.Node, info as ApiKind);
  };
  for (const { node, info } of tracker.iterateEsmReferences(ESM_TRACE_MAP as never)) add(node, info);
  for (const { node, info } of tracker.iterateCjsReferences(CJS_TRACE_MAP as never)) add(node, info);
  for (const reference of globalScope.through) {
    const identifier = reference.identifier;
    if (identifier.name !== 'require') continue;
    const requireCall = identifier.parent;
    if (requireCall?.type !== AST_NODE_TYPES.CallExpression || requireCall.callee !== identifier) continue;
    const argument = requireCall.arguments[0];
    const moduleName = argument && getStringIfConstant(argument as never);
    const traceMap = moduleName ? CJS_TRACE_MAP[moduleName] : undefined;
    if (!traceMap) continue;
    if (traceMap[CONSTRUCT] && requireCall.parent.type === AST_NODE_TYPES.NewExpression) {
      add(requireCall.parent, traceMap[CONSTRUCT]);
    }
    for (const { node, info } of tracker.iteratePropertyReferences(requireCall as never, traceMap as never)) {
      add(node, info);
    }
  }
  return found;
}

/** The value of an assignment to a member (`Agent.prototype.createConnection = net.createConnection`). */
function isStored(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.left.type === AST_NODE_TYPES.MemberExpression;
}

/**
 * The module a variable was imported or required from (`import X from 'm'`, `const X = require('m')`,
 * `const { X } = require('m')`, `require('m').X`), or null.
 */
export function moduleOfVariable(variable: TSESLint.Scope.Variable): string | null {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return null;
  if (def.type === DefinitionType.ImportBinding) {
    const declaration = def.parent;
    return declaration?.type === AST_NODE_TYPES.ImportDeclaration ? declaration.source.value : null;
  }
  if (def.type !== DefinitionType.Variable || def.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  let init: TSESTree.Node | null = def.node.init;
  while (init?.type === AST_NODE_TYPES.MemberExpression) init = init.object;
  if (
    init?.type !== AST_NODE_TYPES.CallExpression ||
    init.callee.type !== AST_NODE_TYPES.Identifier ||
    init.callee.name !== 'require'
  ) {
    return null;
  }
  const argument = init.arguments[0];
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}
