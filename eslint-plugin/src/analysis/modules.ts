// Where the file reaches Node's socket APIs: `require('net')`, `import { connect } from 'node:tls'`,
// namespaces, destructuring, aliases — all found by eslint-utils' ReferenceTracker.
import { CALL, CONSTRUCT, ESM, READ, ReferenceTracker, getStringIfConstant } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { DefinitionType } from './scope.js';

/** What a tracked module member creates or does. */
export type ApiKind =
  | 'net.server'
  | 'tls.server'
  | 'http.server'
  | 'https.server'
  | 'ws.server'
  | 'net.socket'
  | 'tls.socket'
  | 'ws.socket'
  | 'http.request'
  | 'https.request'
  | 'stream.pipeline'
  | 'stream.finished'
  | 'promises.pipeline'
  | 'promises.finished'
  | 'events.once'
  | 'events.errorMonitor'
  /** `EventEmitter.call(this)`, `Duplex.call(this, options)`: a core base constructor, it keeps nothing of `this`. */
  | 'core.superCall';

type TraceMap = Record<string | symbol, unknown>;

const call = (kind: ApiKind): TraceMap => ({ [CALL]: kind });
const construct = (kind: ApiKind): TraceMap => ({ [CONSTRUCT]: kind });

const net: TraceMap = {
  createServer: call('net.server'),
  Server: construct('net.server'),
  connect: call('net.socket'),
  createConnection: call('net.socket'),
  Socket: construct('net.socket'),
  Stream: construct('net.socket'),
};
const tls: TraceMap = {
  createServer: call('tls.server'),
  Server: construct('tls.server'),
  connect: call('tls.socket'),
  TLSSocket: construct('tls.socket'),
};
const http: TraceMap = {
  createServer: call('http.server'),
  Server: construct('http.server'),
  request: call('http.request'),
  get: call('http.request'),
};
const https: TraceMap = {
  createServer: call('https.server'),
  Server: construct('https.server'),
  request: call('https.request'),
  get: call('https.request'),
};
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
// `require('ws')` is the WebSocket class itself, with the server classes as statics.
const ws: TraceMap = {
  [CONSTRUCT]: 'ws.socket',
  WebSocket: construct('ws.socket'),
  WebSocketServer: construct('ws.server'),
  Server: construct('ws.server'),
};

const MODULES: Record<string, TraceMap> = {
  net,
  tls,
  http,
  https,
  stream,
  'stream/promises': streamPromises,
  events,
  ws,
};

function withNodePrefix(maps: Record<string, TraceMap>): Record<string, TraceMap> {
  const all: Record<string, TraceMap> = {};
  for (const [name, map] of Object.entries(maps)) {
    all[name] = map;
    if (name !== 'ws') all[`node:${name}`] = map;
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

/** Module names whose exported types are sockets (for TypeScript annotations). */
export const SOCKET_TYPE_MODULES: Record<string, ReadonlySet<string>> = {
  net: new Set(['Socket']),
  'node:net': new Set(['Socket']),
  tls: new Set(['TLSSocket']),
  'node:tls': new Set(['TLSSocket']),
  ws: new Set(['WebSocket', 'default']),
};

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
