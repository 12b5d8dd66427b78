// The one per-file socket model every rule reads: built once per SourceCode, linear in file size.
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingClass, enclosingFunction, type FunctionNode, keyName, unwrap } from './ast.js';
import { buildFileIndex, type FileIndex } from './fileIndex.js';
import { Flow } from './flow.js';
import { resolveFunction } from './functions.js';
import { HandlerSummaries } from './handlers.js';
import { type ApiKind, findApiReferences } from './modules.js';
import { createOrigin, type Family, type Origin, type OriginKind } from './origin.js';
import { mayRegisterTakeoverListener } from './takeoverHint.js';
import { annotatedFamily, isAmbient, typeAnnotationOf, typedFamily } from './types.js';

export interface SocketModel {
  readonly origins: readonly Origin[];
  readonly index: FileIndex;
  readonly handlers: HandlerSummaries;
}

const cache = new WeakMap<object, SocketModel>();

/** The socket model of the file being linted (built on first use, then shared by every rule). */
export function getSocketModel(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): SocketModel {
  const sourceCode = context.sourceCode;
  let model = cache.get(sourceCode);
  if (!model) {
    // espree has no parser services; @typescript-eslint/parser has a program only with type information
    const services = sourceCode.parserServices as Partial<ParserServicesWithTypeInformation> | undefined;
    model = buildSocketModel(
      sourceCode,
      services?.program && services.getTypeAtLocation ? (services as ParserServicesWithTypeInformation) : null,
    );
    cache.set(sourceCode, model);
  }
  return model;
}

const SERVER_FAMILY: Partial<Record<ApiKind, Family>> = {
  'net.server': 'net',
  'tls.server': 'tls',
  'http.server': 'http',
  'https.server': 'https',
  'ws.server': 'ws',
};
const SOCKET_FAMILY: Partial<Record<ApiKind, Family>> = {
  'net.socket': 'net',
  'tls.socket': 'tls',
  'ws.socket': 'ws',
};
const REQUEST_FAMILY: Partial<Record<ApiKind, Family>> = {
  'http.request': 'http',
  'https.request': 'https',
};

export function buildSocketModel(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | null,
): SocketModel {
  const api = findApiReferences(sourceCode.scopeManager as TSESLint.Scope.ScopeManager);
  if (services === null && !mayHoldSockets(sourceCode, api)) return emptyModel(sourceCode);
  const index = buildFileIndex(sourceCode, services !== null);
  const origins: Origin[] = [];
  const byEntry = new Map<TSESTree.Node, Origin>();
  const derivedSockets = new Map<TSESTree.Node, Origin>();
  const pending: (() => void)[] = [];

  const flow: Flow = new Flow(index, api, {
    onListener(origin, listener) {
      const fn = listener.handlerFunction;
      if (!fn || listener.event === null) return;
      if (origin.kind === 'request' && (listener.event === 'upgrade' || listener.event === 'connect')) {
        if (fn.params.length >= 2) addParameterOrigin(fn, 1, 'socket', 'net', false, true);
        return;
      }
      if (origin.kind !== 'server') return;
      const fromHttp = origin.family === 'http' || origin.family === 'https';
      switch (listener.event) {
        case 'connection':
          if (origin.family === 'ws') addParameterOrigin(fn, 0, 'socket', 'ws', false);
          else addParameterOrigin(fn, 0, 'socket', 'net', fromHttp);
          break;
        case 'secureConnection':
          addParameterOrigin(fn, 0, 'socket', 'tls', fromHttp);
          break;
        case 'request':
          if (fromHttp) addRequestHandler(fn);
          break;
        case 'timeout':
          if (fromHttp) addParameterOrigin(fn, 0, 'socket', 'net', true);
          break;
        case 'upgrade':
        case 'connect':
          // (req, socket, head): Node hands the socket over and stops handling it
          if (fromHttp && fn.params.length >= 2) addParameterOrigin(fn, 1, 'socket', 'net', false, true);
          break;
        default:
          break;
      }
    },
    onSocketMember(origin, member) {
      // req.socket, res.socket and req.connection are one socket per request handler
      const key = origin.enclosingFunction ?? member;
      let socket = derivedSockets.get(key);
      if (!socket) {
        socket = add({
          kind: 'socket',
          family: 'net',
          httpOwned: true,
          takenOver: false,
          via: 'api',
          node: member,
          enclosingFunction: origin.enclosingFunction,
        });
        derivedSockets.set(key, socket);
      }
      const derived = socket;
      if (member.type === AST_NODE_TYPES.MemberExpression) pending.push(() => flow.fromExpression(derived, member));
      else pending.push(() => flow.fromDeclaration(derived, member));
    },
  });

  function add(fields: Omit<Parameters<typeof createOrigin>[0], 'id'>): Origin {
    const origin = createOrigin({ ...fields, id: origins.length + 1 });
    origins.push(origin);
    byEntry.set(fields.node, origin);
    return origin;
  }

  function addParameterOrigin(
    fn: FunctionNode,
    position: number,
    kind: OriginKind,
    family: Family,
    httpOwned: boolean,
    takenOver = false,
  ): Origin | null {
    let parameter: TSESTree.Node | undefined = fn.params[position];
    if (parameter?.type === AST_NODE_TYPES.AssignmentPattern) parameter = parameter.left;
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return null;
    const existing = byEntry.get(parameter);
    if (existing) return existing;
    const origin = add({ kind, family, httpOwned, takenOver, via: 'callback', node: parameter, enclosingFunction: fn });
    const identifier = parameter;
    pending.push(() => flow.fromDeclaration(origin, identifier));
    return origin;
  }

  function addRequestHandler(fn: FunctionNode): void {
    addParameterOrigin(fn, 0, 'incoming', 'http', true);
    addParameterOrigin(fn, 1, 'response', 'http', true);
  }

  const drain = (): void => {
    for (let job = pending.shift(); job; job = pending.shift()) job();
  };

  // 1. what the file creates through Node's APIs and ws
  const apiNodes = [...api.entries()].sort((a, b) => a[0].range[0] - b[0].range[0]);
  for (const [node, kind] of apiNodes) {
    const serverFamily = SERVER_FAMILY[kind];
    const socketFamily = SOCKET_FAMILY[kind];
    const requestFamily = REQUEST_FAMILY[kind];
    const kindOfOrigin: OriginKind | null = serverFamily ? 'server' : socketFamily ? 'socket' : requestFamily ? 'request' : null;
    if (kindOfOrigin === null) continue;
    const family = serverFamily ?? socketFamily ?? requestFamily ?? null;
    const origin = add({
      kind: kindOfOrigin,
      family,
      httpOwned: false,
      takenOver: false,
      via: 'api',
      node,
      enclosingFunction: enclosingFunction(node),
    });
    const call = node as TSESTree.CallExpression | TSESTree.NewExpression;
    if (origin.kind === 'server') {
      addServerCallback(origin, call);
      origin.noServer = hasOption(call, 'noServer');
    }
    if (origin.kind === 'request' && hasOption(call, 'timeout')) origin.timeoutOption = call as TSESTree.CallExpression;
    pending.push(() => flow.fromExpression(origin, node));
    drain();
  }

  function addServerCallback(origin: Origin, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    if (origin.family === 'ws') return; // its callback is the 'listening' listener
    for (const argument of call.arguments) {
      const fn = resolveFunction(index, argument);
      if (!fn) continue;
      if (origin.family === 'http' || origin.family === 'https') addRequestHandler(fn);
      else if (origin.family === 'tls') addParameterOrigin(fn, 0, 'socket', 'tls', false);
      else addParameterOrigin(fn, 0, 'socket', 'net', false);
      return;
    }
  }

  // 2. sockets taken over in 'upgrade' / 'connect' listeners of emitters the model cannot see
  // (an express app's server): only the full (req, socket, head) shape, other emitters have
  // their own 'connect' events
  for (const call of index.takeoverListeners) {
    const handler = call.arguments[1];
    const fn = handler ? resolveFunction(index, handler) : null;
    if (fn && fn.params.length >= 3) {
      const existing = fn.params[1] ? byEntry.get(fn.params[1]) : undefined;
      if (!existing) addParameterOrigin(fn, 1, 'socket', 'net', false, true);
    }
  }
  drain();

  // 3. sockets known only by their type
  const typed: { origin: Origin; reachedKey: string | null }[] = [];
  const addTyped = (declaration: TSESTree.Node, family: Family): void => {
    if (isAmbient(declaration)) return;
    const entry = declaration.type === AST_NODE_TYPES.TSParameterProperty ? declaration.parameter : declaration;
    const name = entry.type === AST_NODE_TYPES.AssignmentPattern ? entry.left : entry;
    if (byEntry.has(declaration) || byEntry.has(name)) return;
    if (name.type === AST_NODE_TYPES.Identifier) {
      const variable = index.variableOf(name);
      if (!variable) return;
      const parent = name.parent;
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init && isTrackedValue(parent.init)) return;
      const origin = add({
        kind: 'socket',
        family,
        httpOwned: false,
        takenOver: false,
        via: 'type',
        node: declaration,
        enclosingFunction: enclosingFunction(declaration),
      });
      typed.push({ origin, reachedKey: flow.variableKey(variable) });
      pending.push(() => flow.fromDeclaration(origin, name));
      if (declaration.type === AST_NODE_TYPES.TSParameterProperty) {
        const classNode = enclosingClass(declaration);
        if (classNode) {
          pending.push(() => flow.fromMemberKey(origin, `${index.classOf(classNode)}.${name.name}`));
        }
      }
    } else if (declaration.type === AST_NODE_TYPES.PropertyDefinition) {
      const name = keyName(declaration.key, declaration.computed);
      const classNode = declaration.parent.parent;
      if (name === null) return;
      const key = `${index.classOf(classNode)}.${name}`;
      if (flow.reached.has(key)) return;
      const origin = add({
        kind: 'socket',
        family,
        httpOwned: false,
        takenOver: false,
        via: 'type',
        node: declaration,
        enclosingFunction: null,
      });
      typed.push({ origin, reachedKey: key });
      pending.push(() => flow.fromMemberKey(origin, key));
    }
  };
  const isTrackedValue = (node: TSESTree.Node): boolean => byEntry.has(unwrap(node)) || api.has(unwrap(node));

  for (const declaration of index.annotated) {
    const family = annotatedFamily(typeAnnotationOf(declaration), index.imports);
    if (family) addTyped(declaration, family);
  }
  if (services) {
    for (const candidate of index.typeCandidates) {
      if (typeAnnotationOf(candidate) && index.annotated.includes(candidate)) continue;
      const family = typedFamily(services, candidate);
      if (family) addTyped(candidate, family);
    }
  }
  drain();

  // a typed parameter that a tracked socket flows into is that socket, not a new one
  const dropped = new Set<Origin>();
  for (const { origin, reachedKey } of typed) {
    const reachedBy = reachedKey ? flow.reached.get(reachedKey) : undefined;
    if (reachedBy && [...reachedBy].some((other) => other !== origin && !dropped.has(other))) dropped.add(origin);
  }

  const kept = dropped.size > 0 ? origins.filter((origin) => !dropped.has(origin)) : origins;
  return {
    origins: kept,
    index,
    handlers: new HandlerSummaries(
      index,
      kept.flatMap((origin) => origin.handOffs.map((handOff) => handOff.node)),
    ),
  };
}

const CREATING_KINDS: ReadonlySet<ApiKind> = new Set([
  ...(Object.keys(SERVER_FAMILY) as ApiKind[]),
  ...(Object.keys(SOCKET_FAMILY) as ApiKind[]),
  ...(Object.keys(REQUEST_FAMILY) as ApiKind[]),
]);
// a socket type imported from net/tls/ws (for annotations)
const SOCKET_TYPE_HINT = /['"](?:node:)?(?:net|tls)['"]|['"]ws['"]/u;
// an 'upgrade' / 'connect' listener on any emitter (step 2)
const TAKEOVER_HINT = /['"`](?:upgrade|connect)['"`]/u;

/**
 * Most files create no socket: they skip the file index altogether (the model stays linear and cheap).
 * Without a creating call, only an annotation (which needs an `import` of net/tls/ws: `require` fills no
 * import table, and a comment or string saying "import" fills nothing) or a takeover listener (checked at the file's string tokens) can make an origin.
 */
function mayHoldSockets(sourceCode: Readonly<TSESLint.SourceCode>, api: ReadonlyMap<TSESTree.Node, ApiKind>): boolean {
  for (const kind of api.values()) if (CREATING_KINDS.has(kind)) return true;
  const text = sourceCode.text;
  const namesSocketModule = SOCKET_TYPE_HINT.test(text);
  if (namesSocketModule && text.includes('import') && hasImportKeyword(sourceCode)) return true;
  if (!namesSocketModule && !TAKEOVER_HINT.test(text)) return false;
  return mayRegisterTakeoverListener(sourceCode);
}

/** An `import` keyword token (a comment or a string naming "import" is none): the file may fill the import table. */
function hasImportKeyword(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.ast.tokens.some((token) => token.type === AST_TOKEN_TYPES.Keyword && token.value === 'import');
}

function emptyModel(sourceCode: Readonly<TSESLint.SourceCode>): SocketModel {
  let index: FileIndex | null = null;
  let handlers: HandlerSummaries | null = null;
  return {
    origins: [],
    get index() {
      index ??= buildFileIndex(sourceCode, false);
      return index;
    },
    get handlers() {
      handlers ??= new HandlerSummaries(this.index, []);
      return handlers;
    },
  };
}

/** `fn({ noServer: true })` / `http.request({ timeout: 5000 })`: an options object naming the key. */
function hasOption(call: TSESTree.CallExpression | TSESTree.NewExpression, name: string): boolean {
  for (const argument of call.arguments) {
    const options = unwrap(argument);
    if (options.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const property of options.properties) {
      if (property.type !== AST_NODE_TYPES.Property || keyName(property.key, property.computed) !== name) continue;
      const value = unwrap(property.value);
      if (name === 'noServer') return value.type === AST_NODE_TYPES.Literal && value.value === true;
      return !(value.type === AST_NODE_TYPES.Literal && (value.value === 0 || value.value === null));
    }
  }
  return false;
}
