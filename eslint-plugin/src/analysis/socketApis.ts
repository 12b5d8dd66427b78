// The socket APIs the model knows, in one table: which module member creates what (a server, a socket,
// a client request), of which family, which events of it hand the listener a new socket (or a
// request/response pair), which options of the creating call matter, and which exported types name it.
// modules.ts builds its reference tracking from this table, model.ts its origins, types.ts its
// annotation and type checks. Adding an origin is adding a row here (and tests).

/**
 * What the model tracks for an origin: its own lifecycle, its listeners, its stores. A `holder` is no socket
 * itself, only an object whose members are (`tls.createSecurePair()`): the model follows it to find them.
 */
export type OriginKind = 'socket' | 'request' | 'server' | 'incoming' | 'response' | 'holder';

/**
 * A parameter of a listener (or of the creating call's callback) that is a new origin.
 * `httpOwned`: Node's http server listens for this socket's errors and timeouts itself.
 * `takenOver`: handed over by an http server in 'upgrade' / 'connect', which stops handling it.
 */
export interface ParameterOrigin {
  position: number;
  kind: OriginKind;
  family: string;
  httpOwned: boolean;
  takenOver?: boolean;
}

/** Event name → the listener parameters that are new origins. */
export type EventOrigins = Readonly<Record<string, readonly ParameterOrigin[]>>;

/**
 * A member of an origin that is a socket of its own (`pair.cleartext`, `req.socket`): socketMembers.ts.
 * `sharedBy`: `handler` when every owner in one function reaches the same socket (a server-side request and
 * its response), `owner` when each created object has its own (reported at the creating call).
 */
export interface MemberOrigin {
  kind: 'socket';
  family: string;
  httpOwned: boolean;
  sharedBy: 'handler' | 'owner';
}

/** `req.socket`, `res.socket`, `req.connection` of a server-side request: the connection Node's http server owns. */
const SERVER_SIDE_SOCKET: MemberOrigin = { kind: 'socket', family: 'net', httpOwned: true, sharedBy: 'handler' };
export const SERVER_SIDE_MEMBERS: Readonly<Record<string, MemberOrigin>> = { socket: SERVER_SIDE_SOCKET, connection: SERVER_SIDE_SOCKET };

/** Options of the creating call that the rules read (`{ noServer: true }`, `{ timeout: 5000 }`). */
export type CreationOption = 'noServer' | 'timeout';

export interface SocketApi {
  /** The module (`'net'`; Node's built-ins match their `node:` specifier too). */
  readonly module: string;
  /** Members called to create it: `net.connect(…)`. */
  readonly factories?: readonly string[];
  /** Members constructed with `new`: `new net.Socket()`. */
  readonly constructors?: readonly string[];
  /** The module itself is the constructor: `new (require('ws'))(url)`. */
  readonly moduleIsConstructor?: boolean;
  readonly kind: 'server' | 'socket' | 'request' | 'holder';
  readonly family: string;
  /** Members of the created object that are sockets of their own, with their own 'error' event. */
  readonly members?: Readonly<Record<string, MemberOrigin>>;
  /** Listener events that hand over new origins (`server.on('connection', (socket) => …)`). */
  readonly events?: EventOrigins;
  /** The event whose listener a function argument of the creating call is (`net.createServer(onConnection)`). */
  readonly callbackEvent?: string;
  readonly options?: readonly CreationOption[];
  /** Names the module exports for this socket's type, for annotations (`import { Socket } from 'net'`). */
  readonly types?: readonly string[];
  /**
   * The creating call's argument at this position is the socket the new object is built around
   * (`createWebSocketStream(ws)`): the object closes with it, and removing it on that socket's 'close' is enough.
   */
  readonly wraps?: number;
}

const socketAt = (position: number, family: string, httpOwned: boolean, takenOver = false): ParameterOrigin => ({
  position,
  kind: 'socket',
  family,
  httpOwned,
  ...(takenOver ? { takenOver } : {}),
});

/** (req, socket, head): Node hands the socket over and stops handling it. */
export const TAKEOVER: readonly ParameterOrigin[] = [socketAt(1, 'net', false, true)];

/** Every server's connections; `secureConnection` is listened for on any server (only tls emits it). */
const serverEvents = (connection: string, httpOwned: boolean): EventOrigins => ({
  connection: [socketAt(0, connection, httpOwned)],
  secureConnection: [socketAt(0, 'tls', httpOwned)],
});

const HTTP_SERVER_EVENTS: EventOrigins = {
  ...serverEvents('net', true),
  request: [
    { position: 0, kind: 'incoming', family: 'http', httpOwned: true },
    { position: 1, kind: 'response', family: 'http', httpOwned: true },
  ],
  timeout: [socketAt(0, 'net', true)],
  upgrade: TAKEOVER,
  connect: TAKEOVER,
};

const CLIENT_REQUEST_EVENTS: EventOrigins = { upgrade: TAKEOVER, connect: TAKEOVER };

/**
 * The table. Row order is the order in which a socket type is tried against the checker's type
 * (`TLSSocket` before `Socket`, which it extends).
 */
export const SOCKET_APIS = [
  {
    module: 'net',
    factories: ['createServer'],
    constructors: ['Server'],
    kind: 'server',
    family: 'net',
    events: serverEvents('net', false),
    callbackEvent: 'connection',
    options: ['noServer'],
  },
  {
    module: 'tls',
    factories: ['createServer'],
    constructors: ['Server'],
    kind: 'server',
    family: 'tls',
    events: serverEvents('net', false),
    callbackEvent: 'secureConnection',
    options: ['noServer'],
  },
  {
    module: 'http',
    factories: ['createServer'],
    constructors: ['Server'],
    kind: 'server',
    family: 'http',
    events: HTTP_SERVER_EVENTS,
    callbackEvent: 'request',
    options: ['noServer'],
  },
  {
    module: 'https',
    factories: ['createServer'],
    constructors: ['Server'],
    kind: 'server',
    family: 'https',
    events: HTTP_SERVER_EVENTS,
    callbackEvent: 'request',
    options: ['noServer'],
  },
  {
    module: 'ws',
    constructors: ['WebSocketServer', 'Server'],
    kind: 'server',
    family: 'ws',
    // the constructor's callback is the 'listening' listener
    events: serverEvents('ws', false),
    options: ['noServer'],
  },
  // `connect({ timeout })` calls socket.setTimeout(timeout) (the constructors take no such option)
  {
    module: 'tls',
    factories: ['connect'],
    constructors: ['TLSSocket'],
    kind: 'socket',
    family: 'tls',
    types: ['TLSSocket'],
    options: ['timeout'],
  },
  {
    module: 'net',
    factories: ['connect', 'createConnection'],
    constructors: ['Socket', 'Stream'],
    kind: 'socket',
    family: 'net',
    types: ['Socket'],
    options: ['timeout'],
  },
  // the deprecated SecurePair: it emits 'secure'; its `cleartext` is a TLSSocket whose errors Node emits on it alone
  {
    module: 'tls',
    factories: ['createSecurePair'],
    kind: 'holder',
    family: 'tls',
    members: { cleartext: { kind: 'socket', family: 'tls', httpOwned: false, sharedBy: 'owner' } },
  },
  // UDP: no connection, no 'end', no setTimeout; but a failed bind or send emits 'error' like any socket
  { module: 'dgram', factories: ['createSocket'], constructors: ['Socket'], kind: 'socket', family: 'dgram', types: ['Socket'] },
  // `require('ws')` is the WebSocket class itself, with the server classes as statics
  {
    module: 'ws',
    constructors: ['WebSocket'],
    moduleIsConstructor: true,
    kind: 'socket',
    family: 'ws',
    types: ['WebSocket', 'default'],
  },
  // a Duplex built around a WebSocket: the socket's errors are re-emitted on it, and it closes with it
  { module: 'ws', factories: ['createWebSocketStream'], kind: 'socket', family: 'ws-stream', wraps: 0 },
  {
    module: 'http',
    factories: ['request', 'get'],
    kind: 'request',
    family: 'http',
    events: CLIENT_REQUEST_EVENTS,
    options: ['timeout'],
  },
  {
    module: 'https',
    factories: ['request', 'get'],
    kind: 'request',
    family: 'https',
    events: CLIENT_REQUEST_EVENTS,
    options: ['timeout'],
  },
] as const satisfies readonly SocketApi[];

export type SocketApiRow = (typeof SOCKET_APIS)[number];

/** A socket family: the socket APIs' families, and the families listeners hand over. */
export type Family = SocketApiRow['family'] | 'http';

/** The name model and tests use for a row: `net.server`, `https.request`, `ws.socket`. */
export type SocketApiId = `${SocketApiRow['family']}.${SocketApiRow['kind']}`;

export function socketApiId(api: SocketApi): SocketApiId {
  return `${api.family}.${api.kind}` as SocketApiId;
}

const BY_ID: ReadonlyMap<string, SocketApi> = new Map(SOCKET_APIS.map((api) => [socketApiId(api), api]));

/** The row of an id (`net.server`), or undefined for ids of no row (helper APIs, `incoming`, `response`). */
export function socketApiOf(id: string): SocketApi | undefined {
  return BY_ID.get(id);
}

/** The listener parameters that `event` hands over as new origins on an origin of this row. */
export function originsOfEvent(api: SocketApi | undefined, event: string): readonly ParameterOrigin[] {
  const events = api?.events;
  return events && Object.hasOwn(events, event) ? (events[event] ?? []) : [];
}
