// The one per-file socket model every rule reads: built once per SourceCode, linear in file size.
import { isBuiltin } from 'node:module';

import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingClass, enclosingFunction, type FunctionNode, keyName, staticString, unwrap } from './ast.js';
import { aliasedFactoryCalls } from './factoryAliases.js';
import { buildFileIndex, type FileIndex } from './fileIndex.js';
import { Flow } from './flow.js';
import { resolveFunction } from './functions.js';
import { HandlerSummaries } from './handlers.js';
import { memberKey, type TrackedKey } from './keys.js';
import { moduleFieldCalls, storedSocketModules } from './moduleFields.js';
import { type ApiKind, findApiReferences } from './modules.js';
import { optionObjects } from './optionObjects.js';
import { createOrigin, type Family, type Origin } from './origin.js';
import {
  type ParameterOrigin,
  SOCKET_APIS,
  type SocketApi,
  originsOfEvent,
  socketApiId,
  socketApiOf,
  TAKEOVER,
} from './socketApis.js';
import { mayRegisterTakeoverListener } from './takeoverHint.js';
import { mayCallUpgradeEntry, upgradeEntryParameters } from './upgradeEntries.js';
import { setsTimeoutOption } from './timeoutOptions.js';
import { annotatedFamily, isAmbient, typeAnnotationOf, typedFamily } from './types.js';
import { addDerivedStores } from './derivedStores.js';
import { connectionParameters, mayListenForConnections } from './connectionListeners.js';
import { mayRegisterItself, selfRegistrations } from './selfRegistration.js';
import { argumentsWrappingCalls, isWrappingNew, linkWrapped, type WrappingCall } from './wrappers.js';

export interface SocketModel {
  readonly origins: readonly Origin[];
  /** Objects built around a socket (`new Session(socket)`): their stores need removal too (wrappers.ts). */
  readonly wrappers: readonly Origin[];
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

export function buildSocketModel(
  sourceCode: Readonly<TSESLint.SourceCode>,
  services: ParserServicesWithTypeInformation | null,
): SocketModel {
  const apiReferences = findApiReferences(sourceCode.scopeManager as TSESLint.Scope.ScopeManager);
  // a module kept in a property creates sockets through it (`this.proto.request(…)`): moduleFields.ts
  const storedModules = storedSocketModules(sourceCode.scopeManager as TSESLint.Scope.ScopeManager);
  if (services === null && storedModules.length === 0 && !mayHoldSockets(sourceCode, apiReferences)) return emptyModel(sourceCode);
  const index = buildFileIndex(sourceCode, services !== null);
  const origins: Origin[] = [];
  const byEntry = new Map<TSESTree.Node, Origin>();
  const derivedSockets = new Map<TSESTree.Node | string, Origin>();
  const pending: (() => void)[] = [];
  const wrappingCalls: WrappingCall[] = [];
  const tableWrappers: { origin: Origin; argument: TSESTree.Node }[] = [];

  const flow: Flow = new Flow(index, apiReferences, {
    onListener(origin, listener) {
      const fn = listener.handlerFunction;
      if (!fn || listener.event === null) return;
      // a server's 'connection', an http server's 'request', a client request's 'upgrade': see socketApis.ts
      const row = origin.family === null ? undefined : socketApiOf(`${origin.family}.${origin.kind}`);
      for (const parameter of originsOfEvent(row, listener.event)) addParameterOrigin(fn, parameter);
    },
    onSocketMember(origin, member, name, { kind, family, httpOwned, sharedBy }) {
      // req.socket, res.socket and req.connection are one socket per request handler; pair.cleartext one per pair
      const key = sharedBy === 'handler' ? (origin.enclosingFunction ?? member) : `${origin.node.range[0]}.${name}`;
      let socket = derivedSockets.get(key);
      if (!socket) {
        const ofOwner = sharedBy === 'owner';
        socket = add({
          kind,
          family: family as Family,
          httpOwned,
          takenOver: false,
          via: 'api',
          // a member of each created object is reported where the object is created
          node: ofOwner ? origin.node : member,
          enclosingFunction: origin.enclosingFunction,
        });
        if (ofOwner) socket.member = name;
        derivedSockets.set(key, socket);
      }
      const derived = socket;
      if (member.type === AST_NODE_TYPES.MemberExpression) pending.push(() => flow.fromExpression(derived, member));
      else pending.push(() => flow.fromDeclaration(derived, member));
    },
    onWrapper(origin, call) {
      if (origin.kind === 'socket' && isWrappingNew(index, call)) wrappingCalls.push({ socket: origin, call });
    },
  });

  function add(fields: Parameters<typeof createOrigin>[0]): Origin {
    const origin = createOrigin(fields, origins.length + 1);
    origins.push(origin);
    // a member socket (`pair.cleartext`) shares its entry with the object that holds it, which keeps it
    if (!byEntry.has(fields.node)) byEntry.set(fields.node, origin);
    return origin;
  }

  function addParameterOrigin(fn: FunctionNode, { position, kind, family, httpOwned, takenOver = false }: ParameterOrigin): Origin | null {
    let parameter: TSESTree.Node | undefined = fn.params[position];
    if (parameter?.type === AST_NODE_TYPES.AssignmentPattern) parameter = parameter.left;
    if (parameter?.type !== AST_NODE_TYPES.Identifier) return null;
    const existing = byEntry.get(parameter);
    if (existing) return existing;
    const origin = add({
      kind,
      family: family as Family,
      httpOwned,
      takenOver,
      via: 'callback',
      node: parameter,
      enclosingFunction: fn,
    });
    const identifier = parameter;
    pending.push(() => flow.fromDeclaration(origin, identifier));
    return origin;
  }

  const drain = (): void => {
    for (let job = pending.shift(); job; job = pending.shift()) job();
  };

  // The steps, in order. Each follows its origins through the file (drain) before the next starts,
  // so that a later step sees what an earlier one reached (a typed parameter a socket flows into).
  addApiOrigins();
  addTakeoverOrigins();
  addUpgradeEntryOrigins();
  const kept = withoutReachedTypedOrigins(addTypedOrigins());
  const wrappers = addWrappers(kept);
  linkWrapped([...kept, ...wrappers], tableWrappers);
  for (const origin of kept) if (origin.kind === 'socket') addDerivedStores(index, origin);
  return {
    origins: kept,
    wrappers,
    index,
    handlers: new HandlerSummaries(
      index,
      kept.flatMap((origin) => origin.handOffs.map((handOff) => handOff.node)),
    ),
  };

  /** 1. What the file creates through the socket APIs (socketApis.ts), in source order. */
  function addApiOrigins(): void {
    const aliased = [...aliasedFactoryCalls(index, apiReferences), ...moduleFieldCalls(index, storedModules)].map(
      ({ call, kind }): [TSESTree.Node, ApiKind] => [call, kind],
    );
    const apiNodes = [...apiReferences.entries(), ...aliased].sort((a, b) => a[0].range[0] - b[0].range[0]);
    for (const [node, kind] of apiNodes) {
      const row = socketApiOf(kind);
      if (!row) continue;
      if (row.kind === 'holder') {
        followHolder(row, node);
        continue;
      }
      const origin = add({
        kind: row.kind,
        family: row.family as Family,
        httpOwned: false,
        takenOver: false,
        via: 'api',
        node,
        enclosingFunction: enclosingFunction(node),
      });
      const call = node as TSESTree.CallExpression | TSESTree.NewExpression;
      if (row.callbackEvent) addCallbackOrigins(row, row.callbackEvent, call);
      const wrapped = row.wraps === undefined ? undefined : call.arguments[row.wraps];
      if (wrapped) tableWrappers.push({ origin, argument: wrapped });
      if (row.options?.includes('noServer')) origin.noServer = hasOption(index, call, 'noServer');
      if (row.options?.includes('timeout') && call.type === AST_NODE_TYPES.CallExpression && setsTimeoutOption(index, call)) {
        origin.timeoutOption = call;
      }
      pending.push(() => flow.fromExpression(origin, node));
      drain();
    }
  }

  /**
   * An object that only holds sockets (`tls.createSecurePair()`): followed like an origin so that its members
   * (`pair.cleartext`) become origins, but kept off the list the rules check (socketMembers.ts).
   */
  function followHolder(row: SocketApi, node: TSESTree.Node): void {
    const holder = createOrigin(
      {
        kind: 'holder',
        family: row.family as Family,
        httpOwned: false,
        takenOver: false,
        via: 'api',
        node,
        enclosingFunction: enclosingFunction(node),
      },
      0,
    );
    pending.push(() => flow.fromExpression(holder, node));
    drain();
  }

  /** `net.createServer(onConnection)`: the first function argument is the listener of the row's callback event. */
  function addCallbackOrigins(row: SocketApi, event: string, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    for (const argument of call.arguments) {
      const fn = resolveFunction(index, argument);
      if (!fn) continue;
      for (const parameter of originsOfEvent(row, event)) addParameterOrigin(fn, parameter);
      return;
    }
  }

  /**
   * 2. Sockets taken over in 'upgrade' / 'connect' listeners of emitters the model cannot see (an express
   * app's server): only the full (req, socket, head) shape, other emitters have their own 'connect' events;
   * an 'upgrade' listener may leave out the head (other emitters' 'upgrade' hand over one thing: a transport).
   */
  function addTakeoverOrigins(): void {
    for (const call of index.takeoverListeners) {
      const handler = call.arguments[1];
      const fn = handler ? resolveFunction(index, handler) : null;
      const event = call.arguments[0] ? staticString(call.arguments[0]) : null;
      if (fn && (fn.params.length >= 3 || (event === 'upgrade' && fn.params.length === 2))) {
        const existing = fn.params[1] ? byEntry.get(fn.params[1]) : undefined;
        if (!existing) for (const parameter of TAKEOVER) addParameterOrigin(fn, parameter);
      }
    }
    drain();
  }

  /** 2b. The sockets of upgrade entry points: `handleUpgrade` of the file, and the WebSocket a library's hands its callback. */
  function addUpgradeEntryOrigins(): void {
    for (const { fn, parameter } of upgradeEntryParameters(index)) addParameterOrigin(fn, parameter);
    drain();
  }

  /** 3. Sockets known only by their type: annotations, and with type information the checker's types. */
  function addTypedOrigins(): TypedOrigin[] {
    const typed: TypedOrigin[] = [];
    const isTrackedValue = (node: TSESTree.Node): boolean => byEntry.has(unwrap(node)) || apiReferences.has(unwrap(node));
    const addTypedOrigin = (declaration: TSESTree.Node, family: Family, enclosing: FunctionNode | null): Origin =>
      add({ kind: 'socket', family, httpOwned: false, takenOver: false, via: 'type', node: declaration, enclosingFunction: enclosing });
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
        const origin = addTypedOrigin(declaration, family, enclosingFunction(declaration));
        typed.push({ origin, reachedKey: flow.variableKey(variable) });
        pending.push(() => flow.fromDeclaration(origin, name));
        if (declaration.type === AST_NODE_TYPES.TSParameterProperty) {
          const classNode = enclosingClass(declaration);
          if (classNode) {
            pending.push(() => flow.fromMemberKey(origin, memberKey(index.classOf(classNode), name.name)));
          }
        }
      } else if (declaration.type === AST_NODE_TYPES.PropertyDefinition) {
        const name = keyName(declaration.key, declaration.computed);
        const classNode = declaration.parent.parent;
        if (name === null) return;
        const key = memberKey(index.classOf(classNode), name);
        if (flow.reached.has(key)) return;
        const origin = addTypedOrigin(declaration, family, null);
        typed.push({ origin, reachedKey: key });
        pending.push(() => flow.fromMemberKey(origin, key));
      }
    };

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
    return typed;
  }

  /**
   * 5. Objects built around a socket of step 1-4 (`new Session(socket)`), followed like sockets once every
   * socket has been; kept apart from the origins, which the other rules check for 'error' and timeouts.
   */
  function addWrappers(sockets: readonly Origin[]): Origin[] {
    const live = new Set(sockets);
    for (const socket of sockets) {
      if (socket.kind === 'socket' && socket.via === 'callback') {
        for (const call of argumentsWrappingCalls(index, socket)) wrappingCalls.push({ socket, call });
      }
    }
    const wrappers: Origin[] = [];
    const addWrapper = (node: TSESTree.Node, wraps: Origin | null): Origin => {
      const wrapper = createOrigin(
        {
          kind: 'socket',
          family: wraps?.family ?? null,
          httpOwned: false,
          takenOver: false,
          via: 'wrapper',
          node,
          enclosingFunction: enclosingFunction(node),
        },
        origins.length + wrappers.length + 1,
      );
      wrapper.wraps = wraps;
      wrappers.push(wrapper);
      live.add(wrapper);
      if (node.type === AST_NODE_TYPES.Identifier) flow.fromDeclaration(wrapper, node);
      else flow.fromExpression(wrapper, node);
      return wrapper;
    };
    // a connection object of the file that registers itself (`Socket.sockets.push(this)`): selfRegistration.ts
    for (const self of selfRegistrations(index)) addWrapper(self, null);
    // a connection of unknown make, from a 'connection' listener of an emitter out of sight: connectionListeners.ts
    for (const parameter of connectionParameters(index)) if (!byEntry.has(parameter)) addWrapper(parameter, null);
    const byCall = new Set<TSESTree.Node>();
    // a wrapper of a wrapper is found while following the first one: the list grows as it is read
    for (let i = 0; i < wrappingCalls.length; i++) {
      const found = wrappingCalls[i];
      if (!found || !live.has(found.socket) || byCall.has(found.call)) continue;
      byCall.add(found.call);
      addWrapper(found.call, found.socket);
    }
    return wrappers;
  }

  /** 4. A typed parameter that a tracked socket flows into is that socket, not a new one. */
  function withoutReachedTypedOrigins(typed: readonly TypedOrigin[]): Origin[] {
    const dropped = new Set<Origin>();
    for (const { origin, reachedKey } of typed) {
      const reachedBy = reachedKey ? flow.reached.get(reachedKey) : undefined;
      if (reachedBy && [...reachedBy].some((other) => other !== origin && !dropped.has(other))) dropped.add(origin);
    }
    return dropped.size > 0 ? origins.filter((origin) => !dropped.has(origin)) : origins;
  }
}

/** A socket found by its type, with the key under which the flow lists what reached its declaration. */
interface TypedOrigin {
  origin: Origin;
  reachedKey: TrackedKey | null;
}

const CREATING_KINDS: ReadonlySet<string> = new Set(SOCKET_APIS.map(socketApiId));
// a module that exports a socket type (for annotations): `'net'`, `"node:tls"`, `'ws'`
const SOCKET_TYPE_HINT = new RegExp(
  `['"](?:${SOCKET_APIS.filter((api) => 'types' in api)
    .map((api) => (isBuiltin(api.module) ? `(?:node:)?${escapeRegExp(api.module)}` : escapeRegExp(api.module)))
    .join('|')})['"]`,
  'u',
);
// an 'upgrade' / 'connect' listener on any emitter (step 2)
const TAKEOVER_HINT = /['"`](?:upgrade|connect)['"`]/u;

/**
 * Most files create no socket: they skip the file index altogether (the model stays linear and cheap).
 * Without a creating call, only an annotation (which needs an `import` of net/tls/ws: `require` fills no
 * import table, and a comment or string saying "import" fills nothing) or a takeover listener (checked at the file's string tokens) can make an origin.
 */
function mayHoldSockets(sourceCode: Readonly<TSESLint.SourceCode>, api: ReadonlyMap<TSESTree.Node, ApiKind>): boolean {
  // a factory read without a call may be stored and called through a member (factoryAliases.ts)
  for (const kind of api.values()) if (CREATING_KINDS.has(kind) || kind.startsWith('read:')) return true;
  const text = sourceCode.text;
  const namesSocketModule = SOCKET_TYPE_HINT.test(text);
  if (namesSocketModule && text.includes('import') && hasImportKeyword(sourceCode)) return true;
  if (mayCallUpgradeEntry(text)) return true;
  if (mayRegisterItself(sourceCode) || mayListenForConnections(sourceCode)) return true;
  if (!namesSocketModule && !TAKEOVER_HINT.test(text)) return false;
  return mayRegisterTakeoverListener(sourceCode);
}

/** An `import` keyword token (a comment or a string naming "import" is none): the file may fill the import table. */
function hasImportKeyword(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.ast.tokens.some((token) => token.type === AST_TOKEN_TYPES.Keyword && token.value === 'import');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

function emptyModel(sourceCode: Readonly<TSESLint.SourceCode>): SocketModel {
  let index: FileIndex | null = null;
  let handlers: HandlerSummaries | null = null;
  return {
    origins: [],
    wrappers: [],
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
function hasOption(index: FileIndex, call: TSESTree.CallExpression | TSESTree.NewExpression, name: string): boolean {
  for (const options of call.arguments.flatMap((argument) => optionObjects(index, argument)).reverse()) {
    for (const property of options.properties) {
      if (property.type !== AST_NODE_TYPES.Property || keyName(property.key, property.computed) !== name) continue;
      const value = unwrap(property.value);
      if (name === 'noServer') return value.type === AST_NODE_TYPES.Literal && value.value === true;
      return !(value.type === AST_NODE_TYPES.Literal && (value.value === 0 || value.value === null));
    }
  }
  return false;
}
