import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { commonjs, runRuleTests, js, ts, typed, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

/** `s.on('error', …)` lines of the suggestion, at an indentation. */
function listener(target: string, body: string, indent = ''): string[] {
  return [`${indent}${target}.on('error', (error) => {`, `${indent}  ${body}`, `${indent}});`];
}
const socketLog = (target: string): string => `console.error('socket error from', ${target}.remoteAddress, error);`;

/** An invalid case whose single error's suggestion inserts `lines` after line `after` of the code (none: no suggestion). */
function suggested(
  testCase: Omit<Invalid, 'errors'> & { error: Omit<Invalid['errors'][number], 'suggestions'> },
  after: number,
  lines: string[],
): Invalid {
  const { error, ...rest } = testCase;
  return {
    ...rest,
    errors: [
      {
        ...error,
        suggestions:
          lines.length === 0 ? [] : [{ messageId: 'addErrorListener', output: insertLines(testCase.code, after, lines) }],
      },
    ],
  };
}

const strict: Options = [{ servers: true, rejectOnceOnly: true, trustHandOff: false }];

const fayeClient = `
var net = require('net');
var util = require('util');
var API = require('./api');
var Client = function (options) {
  var self = this;
  this._stream = net.connect(options, function () { self._onConnect(); });
  API.call(this, options);
};
util.inherits(Client, API);
Client.prototype._onConnect = function () {};
module.exports = Client;`;

const eventemitter3Server = `
const http = require('http');
const EE3 = require('eventemitter3');
function ProxyServer(options) {
  EE3.call(this);
  this.options = options;
}
require('util').inherits(ProxyServer, EE3);
ProxyServer.prototype.listen = function (port) {
  const self = this;
  this._server = http.createServer((req, res) => self.web(req, res));
  this._server.listen(port);
  return this;
};
ProxyServer.prototype.web = function (req, res) { res.end(); };
module.exports = ProxyServer;`;

const ownApplyCode = `
const net = require('net');
const EventEmitter = require('events').EventEmitter;
class Server extends EventEmitter {
  constructor() {
    super();
    this._server = net.createServer(this._handleConnection.bind(this));
  }
  _handleConnection(socket) {
    socket.on('error', () => {});
    this.emit('connection', socket);
  }
  listen(port) {
    this._server.listen.apply(this._server, arguments);
    return this;
  }
}
module.exports = Server;`;

const chainedCode = `
import { request } from 'node:http';
export class Client {
  start(opts) {
    let req;
    req = this._req = request(opts);
    req.end();
  }
}`;

const eventEmitterClient = `
const net = require('net');
const { EventEmitter } = require('events');
function Client(port) {
  EventEmitter.call(this);
  this._socket = net.connect(port);
  this._socket.on('data', (chunk) => this.emit('data', chunk));
}
require('util').inherits(Client, EventEmitter);
module.exports = Client;`;

const valid: Valid[] = [
  // Class 3 trap (issue 10): a function run as fn.bind(this)() / fn.call(this) works on the caller's this.
  {
    name: "server kept on this in a function run through .bind(this)(), 'error' listener in a prototype method",
    code: `
import tls from 'tls';
function Server(options) {
  start.bind(this)(options);
}
function start(options) {
  this.listener = tls.createServer(options);
}
Server.prototype.listen = function (port) {
  this.listener.on('error', (error) => console.error(error));
  this.listener.listen(port);
};
export default Server;`,
  },
  {
    name: "server kept on this in a function run through .call(this), 'error' listener in a class method",
    code: `
import tls from 'tls';
function start(options) {
  this.listener = tls.createServer(options);
}
export class Server {
  constructor(options) {
    start.call(this, options);
  }
  listen(port) {
    this.listener.on('error', (error) => console.error(error));
    this.listener.listen(port);
  }
}`,
  },
  // Class 7 (issue 10): a handler registered by reference that listens for the socket's 'error' is fine.
  {
    name: "'upgrade' handler registered by reference with .bind(this) adds the socket's 'error' listener",
    code: `
import http from 'http';
export class Gate {
  constructor() {
    this.server = http.createServer();
    this.server.on('error', () => {});
    this.server.on('upgrade', this.onUpgrade.bind(this));
  }
  onUpgrade(req, socket, head) {
    socket.on('error', () => socket.destroy());
    socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
  }
}`,
  },
  // Class 3 (issue 10): a property given its 'error' listener in another function of the same class is handled.
  {
    name: "server kept on this in one prototype method and wired there, 'error' listener in another",
    code: `
import tls from 'tls';
import { Registry } from './registry.js';
function Server(options) {
  this.registry = new Registry(this);
  this.start(options);
}
Server.prototype.start = function (options) {
  this.listener = tls.createServer(options);
  this.listener.on('close', () => this.registry.clear());
};
Server.prototype.listen = function (port) {
  this.listener.on('error', (error) => this.registry.fail(error));
  this.listener.listen(port);
};
export default Server;`,
  },
  {
    name: "socket kept on this with only a 'connect' listener, this handed to code outside the file (hand-off kept)",
    code: `
import net from 'net';
import { Parser } from './parser.js';
export class Client {
  constructor() { this.parser = new Parser(this); }
  connect(port) {
    this.conn = net.createConnection(port);
    this.conn.on('connect', () => this.parser.start());
  }
}`,
  },
  // Class 4 (issue 10): the hand-off exemption stays for sockets the function does not wire up itself.
  {
    name: 'returned socket with only a connect listener is the caller\'s to wire (hand-off kept)',
    code: `
import net from 'net';
export function open(port) {
  const s = net.connect(port);
  s.on('connect', () => s.setNoDelay(true));
  return s;
}`,
  },
  {
    name: "an 'open' listener that resolves with the socket is the hand-off itself",
    code: `
import WebSocket from 'ws';
export function connect(url) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => resolve(ws));
  });
}`,
  },
  {
    name: "a 'close' listener whose code is out of sight does not make the creator the owner",
    code: `
import tls from 'tls';
import { makeOnClose } from './close.js';
export function wrap(options) {
  const wrapped = tls.connect(options);
  wrapped.on('close', makeOnClose(options.socket));
  return wrapped;
}`,
  },
  {
    name: "a returned socket wired up with 'data' and an 'error' listener is fine",
    code: `
import net from 'net';
export function open(port, onChunk) {
  const s = net.connect(port);
  s.on('data', (chunk) => onChunk(chunk));
  s.on('error', () => s.destroy());
  return s;
}`,
  },
  ...js<Valid>([
    {
      name: 'socket of a net server with a listener (ESM namespace)',
      code: `
import * as net from 'node:net';
const server = net.createServer((socket) => {
  socket.on('error', (error) => console.error(error));
});
server.on('error', console.error);`,
    },
    {
      name: 'undeclared require (ESLint 10 default: module, no globals)',
      code: `
const net = require('net');
const server = net.createServer((socket) => { socket.once('close', () => {}); socket.on('error', () => {}); });
server.on('error', () => {});`,
    },
    {
      name: 'destructured require and a chained listener',
      code: `
const { connect } = require('node:net');
connect(80, 'example.com').on('data', () => {}).on('error', () => {});`,
    },
    {
      name: 'listener added through a same-file helper',
      code: `
import net from 'net';
function watch(socket) { socket.on('error', (error) => console.error(error)); }
const client = net.connect(80);
watch(client);`,
    },
    {
      name: 'listener added in a class method (this.socket)',
      code: `
import { connect } from 'net';
class Client {
  open() {
    this.socket = connect(80);
    this.attach();
  }
  attach() { this.socket.on('error', () => this.reconnect()); }
  reconnect() {}
}`,
    },
    {
      name: 'http server accepted sockets are exempt (connection listener and req.socket)',
      code: `
import http from 'node:http';
const server = http.createServer((req, res) => { req.socket.setNoDelay(true); res.end('ok'); });
server.on('connection', (socket) => { socket.setKeepAlive(true); });
server.on('error', () => {});`,
    },
    {
      name: 'client request with an error listener',
      code: `
import https from 'https';
const req = https.request('https://example.com', (res) => res.resume());
req.on('error', (error) => console.error(error));
req.end();`,
    },
    {
      name: 'covered by stream.pipeline with a callback',
      code: `
import net from 'net';
import { pipeline } from 'stream';
const server = net.createServer((socket) => { pipeline(socket, socket, (error) => {}); });
server.on('error', () => {});`,
    },
    {
      name: 'covered by await pipeline inside try',
      code: `
import net from 'net';
import { pipeline } from 'node:stream/promises';
net.createServer(async (socket) => {
  try { await pipeline(socket, socket); } catch (error) { console.error(error); }
}).on('error', () => {});`,
    },
    {
      name: 'covered by stream.finished callback',
      code: `
const net = require('net');
const stream = require('stream');
const s = net.connect(80);
stream.finished(s, (error) => {});`,
    },
    {
      name: 'server covered by await once(server, listening) in try',
      code: `
import net from 'net';
import { once } from 'events';
async function start() {
  const server = net.createServer();
  server.listen(0);
  try { await once(server, 'listening'); } catch (error) { console.error(error); }
}`,
    },
    {
      name: 'handed off to code outside the file (trusted by default)',
      code: `
import net from 'net';
import { handle } from './handler.js';
net.createServer((socket) => handle(socket)).on('error', () => {});`,
    },
    {
      name: 'returned from an exported function (handed off)',
      code: `
import net from 'net';
export function open(port) { return net.connect(port); }`,
    },
    {
      name: 'socket returned from a non-exported function, listener in the caller',
      code: `
import net from 'net';
function open(port) { return net.connect(port); }
const client = open(80);
client.on('error', () => {});`,
    },
    {
      name: 'servers: false leaves servers alone',
      code: `
import http from 'http';
http.createServer((req, res) => res.end()).listen(8080);`,
      options: [{ servers: false }],
    },
    {
      name: 'ws server and its sockets with listeners',
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', console.error);
wss.on('connection', (ws) => { ws.on('error', console.error); });`,
    },
    {
      name: 'ws noServer does not emit errors itself',
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (ws) => { ws.on('error', () => ws.terminate()); });`,
    },
    {
      name: 'error listener registered with a constant event name',
      code: `
import net from 'net';
const ERROR = 'error';
const s = net.connect(80);
s.on(ERROR, () => {});`,
    },
    {
      name: 'once(error) only is fine in recommended',
      code: `
import net from 'net';
const s = net.connect(80);
s.once('error', () => {});`,
    },
    {
      name: 'onerror property of a ws client',
      code: `
import WebSocket from 'ws';
const ws = new WebSocket('ws://localhost:8080');
ws.onerror = (event) => console.error(event);`,
    },
    {
      name: 'listener registered through a record',
      code: `
import net from 'net';
const connections = new Map();
net.createServer((socket) => {
  const connection = { id: 1, socket };
  connections.set(1, connection);
  setup(connection);
}).on('error', () => {});
function setup(connection) { connection.socket.on('error', () => {}); }`,
    },
    {
      name: 'unrelated on(error) of another emitter does not matter: no socket here',
      code: `
const emitter = new (require('events'))();
emitter.on('data', () => {});`,
    },
    {
      name: 'handler passed by name',
      code: `
import net from 'net';
function onConnection(socket) { socket.on('error', () => {}); }
net.createServer(onConnection).on('error', () => {});`,
    },
    {
      name: 'object method via new C() of a file class',
      code: `
import net from 'net';
class Registry { track(socket) { socket.on('error', () => {}); } }
const registry = new Registry();
net.createServer((socket) => registry.track(socket)).on('error', () => {});`,
    },
    {
      name: 'listener added via bind',
      code: `
import net from 'net';
function guard(label, socket) { socket.on('error', () => console.error(label)); }
net.createServer((socket) => { const bound = guard.bind(null, 'a'); guard.call(null, 'b', socket); }).on('error', () => {});`,
    },
    {
      name: 'listener for a computed event name may be the error listener (trusted)',
      code: `
import http from 'http';
function addListeners(server, map) { for (const event of Object.keys(map)) server.on(event, map[event]); }
const server = http.createServer();
addListeners(server, { error: () => {}, listening: () => {} });`,
    },
    {
      name: "another emitter's own 'connect' event (origin, targets) is not a socket hand-over",
      code: `
import { EventEmitter } from 'events';
class Pool extends EventEmitter {
  constructor() { super(); this.on('connect', (origin, targets) => { targets.length; }); }
}`,
    },
    {
      name: 'socket nested two levels deep in an options object is out of sight (handed off)',
      code: `
import net from 'net';
function setup(config) { return config; }
setup({ client: { sock: new net.Socket() } });`,
    },
  ]),
  ...commonjs<Valid>([
    {
      name: 'declared require global',
      code: `
const net = require('net');
const s = net.connect(80);
s.on('error', () => {});`,
    },
  ]),
  ...typed<Valid>([
    {
      name: 'type information: a typed socket with a listener, and non-socket values',
      code: `
import type { Socket } from 'net';
declare function accept(): Socket;
const socket = accept();
socket.on('error', () => {});
const count: number = 1;
const name = 'x';`,
    },
  ]),
  ...ts<Valid>([
    {
      name: 'typed parameter with a listener',
      code: `
import type { Socket } from 'node:net';
export function handle(socket: Socket): void { socket.on('error', () => {}); }`,
    },
    {
      name: 'ambient declarations describe sockets, they do not hold them',
      code: `
import type { Socket } from 'net';
declare class Response { readonly socket: Socket | null; constructor(socket: Socket); }
declare function wrap(socket: Socket): void;
declare module 'x' { class Y { socket: Socket; } }
interface Z { socket: Socket; on(socket: Socket): void; }
type F = (socket: Socket) => void;
export class Peer { declare socket: Socket; constructor(socket: Socket); constructor(socket?: Socket) { socket?.on('error', () => {}); } }`,
    },
    {
      name: 'typed parameter reached by a tracked socket is that socket',
      code: `
import net, { type Socket } from 'net';
function greet(socket: Socket) { socket.write('hi'); }
net.createServer((socket) => { socket.on('error', () => {}); greet(socket); }).on('error', () => {});`,
    },
    {
      name: 'class property typed TLSSocket with a listener',
      code: `
import * as tls from 'tls';
class Conn {
  private socket: tls.TLSSocket | undefined;
  open() { this.socket = tls.connect(443); this.socket.on('error', () => {}); }
}`,
    },
  ]),
  // The object holding the socket is itself handed to code outside the file.
  ...js<Valid>([
    {
      name: "this given to the project's own base constructor, which configures this._stream (faye-websocket's client)",
      code: fayeClient,
    },
    // Moved from invalid (issue 10): strict trusts the object handing itself to its base constructor (sureHandOffs.ts).
    {
      name: 'strict: this given to the base constructor is a sure hand-off',
      code: fayeClient,
      options: strict,
    },
    // Moved from invalid (issue 10): a computed event name may be 'error' whatever the trust in hand-offs.
    {
      name: 'trustHandOff false: a computed event name may be the error listener',
      code: `
import http from 'http';
function addListeners(server, map) { for (const event of Object.keys(map)) server.on(event, map[event]); }
const server = http.createServer();
addListeners(server, { error: () => {} });`,
      options: [{ trustHandOff: false }],
    },
    {
      name: 'self (= this) holding the socket is given to an imported function',
      code: `
import tls from 'node:tls';
import { register } from './registry.js';
export class Tunnel {
  open(options) {
    const self = this;
    self._stream = tls.connect(options);
    register(self);
  }
}`,
    },
    {
      name: "strict: chained assignment req = websocket._req = request(opts), the listener on req (ws's client)",
      code: `
import { request } from 'node:http';
export function initAsClient(websocket, opts) {
  let req;
  req = websocket._req = request(opts);
  req.on('error', (error) => websocket.emit('error', error));
}`,
      options: strict,
    },
    {
      name: "strict: const sock = this._sock = new Socket(), the listener on sock (ssh2's client)",
      code: `
import { Socket } from 'node:net';
export class Client {
  connect(cfg) {
    const sock = this._sock = (cfg.sock || new Socket());
    sock.on('error', (err) => this.emit('error', err));
  }
}`,
      options: strict,
    },
    {
      name: 'a socket given as an argument of .call() to a function not in the file is handed off',
      code: `
import net from 'node:net';
import { register } from './registry.js';
const server = net.createServer((socket) => socket.on('error', () => {}));
register.call(null, server);`,
    },
    {
      name: 'a local object holding the socket is given to an imported function',
      code: `
import net from 'node:net';
import { track } from './track.js';
export function open(port) {
  const conn = {};
  conn.socket = net.connect(port);
  track(conn);
}`,
    },
  ]),
];

const invalid: Invalid[] = [
  suggested(
    {
      name: "server kept on this in a function run through .call(this), no 'error' listener anywhere in the class",
      code: `
import tls from 'tls';
function start(options) {
  this.listener = tls.createServer(options);
}
export class Server {
  constructor(options) {
    start.call(this, options);
  }
  listen(port) {
    this.listener.listen(port);
  }
}`,
      error: { messageId: 'serverWithoutErrorListener', line: 4, column: 19 },
    },
    4,
    listener('this.listener', "console.error('server error:', error);", '  '),
  ),
  // Class 7 (issue 10): handlers registered by reference get every check an inline handler gets.
  suggested(
    {
      name: "'upgrade' handler registered by name (a function declaration)",
      code: `
import http from 'http';
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', onUpgrade);
function onUpgrade(req, socket, head) {
  socket.on('data', () => {});
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 6, column: 25 },
    },
    6,
    listener('socket', socketLog('socket'), '  '),
  ),
  suggested(
    {
      name: "'connect' handler registered as a prototype method through self.m.bind(self) in a callback",
      code: `
var http = require('http');
function Proxy() {}
Proxy.prototype.listen = function (port) {
  var self = this;
  setImmediate(function () {
    self.httpServer = http.createServer();
    self.httpServer.on('error', function () {});
    self.httpServer.on('connect', self._onConnect.bind(self));
    self.httpServer.listen(port);
  });
};
Proxy.prototype._onConnect = function (req, socket, head) {
  socket.write('HTTP/1.1 200 OK\\r\\n\\r\\n');
};
module.exports = Proxy;`,
      error: { messageId: 'socketWithoutErrorListener', line: 13, column: 45 },
    },
    13,
    listener('socket', socketLog('socket'), '  '),
  ),
  // Class 3 (issue 10): the class that keeps the socket on this and wires it up owns it, wherever `this` goes.
  suggested(
    {
      name: "socket kept on this, wired in another method, this handed to code outside the file: no 'error' listener",
      code: `
import net from 'net';
import { Parser } from './parser.js';
export class Client {
  constructor() { this.parser = new Parser(this); }
  connect(port) {
    this.conn = net.createConnection(port);
    this.wire();
  }
  wire() {
    this.conn.on('connect', () => this.parser.start());
    this.conn.on('data', (chunk) => this.parser.feed(chunk));
  }
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 7, column: 17 },
    },
    7,
    listener('this.conn', socketLog('this.conn'), '    '),
  ),
  // Class 4 (issue 10): leaving the function is not handling when the function wired the socket up itself.
  suggested(
    {
      name: "socket wired with 'data'/'close' and returned has no 'error' listener",
      code: `
import net from 'net';
export function open(port, chunks) {
  const s = net.connect(port);
  s.on('data', (chunk) => chunks.push(chunk));
  s.on('close', () => { chunks.length = 0; });
  return s;
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 4, column: 13 },
    },
    4,
    listener('s', socketLog('s'), '  '),
  ),
  suggested(
    {
      name: "socket wired with 'end' and passed to a callback has no 'error' listener",
      code: `
import net from 'net';
export function open(port, callback) {
  const s = net.connect(port);
  s.on('end', () => s.end());
  callback(null, s);
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 4, column: 13 },
    },
    4,
    listener('s', socketLog('s'), '  '),
  ),
  suggested(
    {
      name: "WebSocket wired with 'message' and resolved has no 'error' listener",
      code: `
import WebSocket from 'ws';
export function connect(url, onMessage) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('message', (data) => onMessage(data));
    resolve(ws);
  });
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 5, column: 16 },
    },
    5,
    listener('ws', "console.error('WebSocket error:', error);", '    '),
  ),
  ...js<Invalid>([
    {
      name: 'net server socket without listener, suggestion as first statement',
      code: `
const net = require('net');
const server = net.createServer((socket) => {
  socket.write('hello');
});
server.on('error', () => {});`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 3,
          column: 34,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const net = require('net');
const server = net.createServer((socket) => {
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  socket.write('hello');
});
server.on('error', () => {});`,
            },
          ],
        },
      ],
    },
    {
      name: 'server without listener, suggestion after the declaration',
      code: `
import net from 'node:net';
const server = net.createServer((socket) => { socket.on('error', () => {}); });
server.listen(3000);`,
      errors: [
        {
          messageId: 'serverWithoutErrorListener',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 79,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import net from 'node:net';
const server = net.createServer((socket) => { socket.on('error', () => {}); });
server.on('error', (error) => {
  console.error('server error:', error);
});
server.listen(3000);`,
            },
          ],
        },
      ],
    },
    {
      name: 'client connection without listener',
      code: `
import { connect } from 'net';
const client = connect({ port: 80 });
client.write('ping');`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 3,
          column: 16,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { connect } from 'net';
const client = connect({ port: 80 });
client.on('error', (error) => {
  console.error('socket error from', client.remoteAddress, error);
});
client.write('ping');`,
            },
          ],
        },
      ],
    },
    {
      name: 'http.get without listener',
      code: `
const http = require('node:http');
const req = http.get('http://localhost/', (res) => res.resume());`,
      errors: [
        {
          messageId: 'requestWithoutErrorListener',
          line: 3,
          column: 13,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const http = require('node:http');
const req = http.get('http://localhost/', (res) => res.resume());
req.on('error', (error) => {
  console.error('request failed:', error);
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'chained request without suggestion place',
      code: `
import https from 'https';
https.request('https://example.com').end();`,
      errors: [{ messageId: 'requestWithoutErrorListener', line: 3, column: 1, suggestions: [] }],
    },
    {
      name: 'http server listen chain',
      code: `
import { createServer } from 'http';
createServer((req, res) => res.end('ok')).listen(8080);`,
      errors: [{ messageId: 'serverWithoutErrorListener', line: 3, column: 1, suggestions: [] }],
    },
    {
      name: 'tls server secure socket',
      code: `
import tls from 'tls';
const server = tls.createServer({}, (socket) => { socket.end('bye'); });
server.on('error', () => {});`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 3,
          column: 38,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import tls from 'tls';
const server = tls.createServer({}, (socket) => {
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  socket.end('bye');
});
server.on('error', () => {});`,
            },
          ],
        },
      ],
    },
    {
      name: 'upgrade listener socket is not exempt',
      code: `
import http from 'http';
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', (req, socket, head) => {
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
});`,
      errors: [{ messageId: 'socketWithoutErrorListener' as const, line: 5, column: 28 }].map((error) => ({
        ...error,
        suggestions: [
          {
            messageId: 'addErrorListener' as const,
            output: `
import http from 'http';
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', (req, socket, head) => {
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
});`,
          },
        ],
      })),
    },
    {
      name: 'connect (proxy) listener socket is not exempt',
      code: `
const http = require('http');
const proxy = http.createServer();
proxy.on('error', () => {});
proxy.on('connect', function (req, clientSocket) { clientSocket.end(); });`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 36,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const http = require('http');
const proxy = http.createServer();
proxy.on('error', () => {});
proxy.on('connect', function (req, clientSocket) {
  clientSocket.on('error', (error) => {
    console.error('socket error from', clientSocket.remoteAddress, error);
  });
  clientSocket.end();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'ws socket from a WebSocketServer',
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', console.error);
wss.on('connection', (ws) => {
  ws.send('hi');
});`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', console.error);
wss.on('connection', (ws) => {
  ws.on('error', (error) => {
    console.error('WebSocket error:', error);
  });
  ws.send('hi');
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'ws client and WebSocket.Server',
      code: `
const WebSocket = require('ws');
const wss = new WebSocket.Server({ port: 1 });
const client = new WebSocket('ws://localhost:1');`,
      errors: [
        {
          messageId: 'serverWithoutErrorListener',
          line: 3,
          column: 13,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const WebSocket = require('ws');
const wss = new WebSocket.Server({ port: 1 });
wss.on('error', (error) => {
  console.error('server error:', error);
});
const client = new WebSocket('ws://localhost:1');`,
            },
          ],
        },
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const WebSocket = require('ws');
const wss = new WebSocket.Server({ port: 1 });
const client = new WebSocket('ws://localhost:1');
client.on('error', (error) => {
  console.error('WebSocket error:', error);
});`,
            },
          ],
        },
      ],
    },
    suggested(
      {
        name: 'errorMonitor is not a handler',
        code: `
import net from 'net';
import { errorMonitor } from 'events';
const s = net.connect(80);
s.on(errorMonitor, (error) => console.error(error));`,
      error: { messageId: 'socketWithoutErrorListener', line: 4, column: 11 },
      },
      4,
      listener('s', socketLog('s')),
    ),
    suggested(
      {
        name: 'await once(connect) protects only while waiting',
        code: `
import net from 'net';
import { once } from 'events';
async function open() {
  const s = net.connect(80);
  await once(s, 'connect');
  s.write('x');
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 5, column: 13 },
      },
      5,
      listener('s', socketLog('s'), '  '),
    ),
    suggested(
      {
        name: 'await pipeline outside try does not cover',
        code: `
import net from 'net';
import { pipeline } from 'stream/promises';
const s = net.connect(80);
async function run() { await pipeline(s, s); }`,
      error: { messageId: 'socketWithoutErrorListener', line: 4, column: 11 },
      },
      4,
      listener('s', socketLog('s')),
    ),
    suggested(
      {
        name: 'listener on the stream that is later replaced does not cover the new stream',
        code: `
import net from 'net';
import tls from 'tls';
class Client {
  open() {
    this.stream = net.connect(80);
    this.stream.on('error', () => {});
    this.stream = tls.connect({ socket: this.stream });
  }
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 8, column: 19 },
      },
      8,
      listener('this.stream', socketLog('this.stream'), '    '),
    ),
    {
      name: 'new net.Socket() and tls.connect',
      code: `
import net from 'net';
import * as tls from 'node:tls';
const a = new net.Socket();
const b = tls.connect(443, 'example.com');
a.connect(80);`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 11,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import net from 'net';
import * as tls from 'node:tls';
const a = new net.Socket();
a.on('error', (error) => {
  console.error('socket error from', a.remoteAddress, error);
});
const b = tls.connect(443, 'example.com');
a.connect(80);`,
            },
          ],
        },
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 11,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import net from 'net';
import * as tls from 'node:tls';
const a = new net.Socket();
const b = tls.connect(443, 'example.com');
b.on('error', (error) => {
  console.error('socket error from', b.remoteAddress, error);
});
a.connect(80);`,
            },
          ],
        },
      ],
    },
    {
      name: 'trustHandOff false reports a handed-off socket',
      code: `
import net from 'net';
import { handle } from './handler.js';
net.createServer((socket) => handle(socket)).on('error', () => {});`,
      options: [{ trustHandOff: false }],
      errors: [{ messageId: 'socketWithoutErrorListener', line: 4, column: 19, suggestions: [] }],
    },
    {
      // issue 10 class 8: only a socket the file keeps reading outlives its once() listener (see .outlived.test.ts)
      name: 'rejectOnceOnly reports once-only listeners on a socket the file keeps reading',
      code: `
import net from 'net';
const s = net.connect(80);
s.once('error', () => {});
s.on('data', () => {});`,
      options: [{ rejectOnceOnly: true }],
      errors: [
        {
          messageId: 'onlyOnceErrorListener',
          line: 3,
          column: 11,
          suggestions: [
            {
              messageId: 'keepErrorListener',
              output: `
import net from 'net';
const s = net.connect(80);
s.on('error', () => {});
s.on('data', () => {});`,
            },
          ],
        },
      ],
    },
    {
      name: 'strict options: prependOnceListener only',
      code: `
import net from 'net';
net.createServer((socket) => { socket.prependOnceListener('error', () => {}); socket.pipe(socket); }).on('error', () => {});`,
      options: strict,
      errors: [
        {
          messageId: 'onlyOnceErrorListener',
          line: 3,
          column: 19,
          suggestions: [
            {
              messageId: 'keepErrorListener',
              output: `
import net from 'net';
net.createServer((socket) => { socket.prependListener('error', () => {}); socket.pipe(socket); }).on('error', () => {});`,
            },
          ],
        },
      ],
    },
    {
      name: 'listener only on the server, not the socket (wrong emitter)',
      code: `
import net from 'net';
const server = net.createServer((socket) => { server.on('error', () => {}); });`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 3,
          column: 34,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import net from 'net';
const server = net.createServer((socket) => {
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  server.on('error', () => {});
});`,
            },
          ],
        },
      ],
    },
    suggested(
      {
        name: 'helper of depth 4 is beyond the model: handed off, reported with trustHandOff false',
        code: `
import net from 'net';
function a(s) { b(s); }
function b(s) { c(s); }
function c(s) { d(s); }
function d(s) { s.on('error', () => {}); }
net.createServer((socket) => a(socket)).on('error', () => {});`,
        options: [{ trustHandOff: false }],
      error: { messageId: 'socketWithoutErrorListener', line: 7, column: 19 },
      },
      7,
      [],
    ),
    {
      name: 'this.socket assigned in a class without any listener',
      code: `
import net from 'net';
export class Client {
  connect() {
    this.socket = net.connect(80);
    this.socket.write('x');
  }
}`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 19,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import net from 'net';
export class Client {
  connect() {
    this.socket = net.connect(80);
    this.socket.on('error', (error) => {
      console.error('socket error from', this.socket.remoteAddress, error);
    });
    this.socket.write('x');
  }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an arrow expression-bodied connection callback gets no suggestion',
      code: `
import net from 'net';
net.createServer((socket) => socket.end('bye')).on('error', () => {});`,
      errors: [{ messageId: 'socketWithoutErrorListener', line: 3, column: 19, suggestions: [] }],
    },
    suggested(
      {
        name: 'server created with new http.Server',
        code: `
import http from 'http';
const server = new http.Server();
server.listen(1);`,
      error: { messageId: 'serverWithoutErrorListener', line: 3, column: 16 },
      },
      3,
      listener('server', "console.error('server error:', error);"),
    ),
    suggested(
      {
        name: 'request with timeout option still needs an error listener',
        code: `
import http from 'http';
const req = http.request({ host: 'x', timeout: 100 });
req.on('timeout', () => req.destroy());
req.end();`,
      error: { messageId: 'requestWithoutErrorListener', line: 3, column: 13 },
      },
      3,
      listener('req', "console.error('request failed:', error);"),
    ),
    suggested(
      {
        name: 'listing the socket in an array (a status report) does not hand it off',
        code: `
import net from 'node:net';
const upstream = net.connect(80, '127.0.0.1');
export const status = () => ({ connections: upstream.destroyed ? [] : [upstream] });`,
        error: { messageId: 'socketWithoutErrorListener', line: 3, column: 18 },
      },
      3,
      listener('upstream', socketLog('upstream')),
    ),
  ]),
  ...commonjs<Invalid>([
    suggested(
      {
        name: 'declared require global, missing listener',
        code: `
const { createConnection } = require('net');
const c = createConnection(80);`,
      error: { messageId: 'socketWithoutErrorListener', line: 3, column: 11 },
      },
      3,
      listener('c', socketLog('c')),
    ),
  ]),
  ...ts<Invalid>([
    {
      name: 'typed parameter without listener',
      code: `
import type { Socket } from 'net';
export function handle(socket: Socket): void {
  socket.write('x');
}`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 3,
          column: 24,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import type { Socket } from 'net';
export function handle(socket: Socket): void {
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  socket.write('x');
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'typed class property (net.Socket) without listener',
      code: `
import * as net from 'net';
class Peer {
  socket: net.Socket;
  constructor(socket: net.Socket) { this.socket = socket; }
  send() { this.socket.write('x'); }
}`,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 15,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
import * as net from 'net';
class Peer {
  socket: net.Socket;
  constructor(socket: net.Socket) {
    socket.on('error', (error) => {
      console.error('socket error from', socket.remoteAddress, error);
    });
    this.socket = socket;
  }
  send() { this.socket.write('x'); }
}`,
            },
          ],
        },
      ],
    },
    suggested(
      {
        name: 'parameter property typed WebSocket from ws',
        code: `
import WebSocket from 'ws';
export class Room {
  constructor(private readonly ws: WebSocket) {}
  say() { this.ws.send('x'); }
}`,
      error: { messageId: 'socketWithoutErrorListener', line: 4, column: 15 },
      },
      4,
      [],
    ),
  ]),
  ...typed<Invalid>([
    suggested(
      {
        name: 'type information: a subclass of net.Socket (base types walked)',
        code: `
import { Socket } from 'net';
class Framed extends Socket {}
declare function accept(): Framed;
const framed = accept();
framed.write('x');`,
        error: { messageId: 'socketWithoutErrorListener', line: 5, column: 7 },
      },
      5,
      listener('framed', socketLog('framed')),
    ),
    suggested(
      {
        name: "type information: ws's WebSocket from an untracked factory",
        code: `
import type { WebSocket } from 'ws';
declare function dial(): WebSocket;
const ws = dial();
ws.send('x');`,
        error: { messageId: 'socketWithoutErrorListener', line: 4, column: 7 },
      },
      4,
      listener('ws', "console.error('WebSocket error:', error);"),
    ),
    suggested(
      {
        name: 'type information: a socket from an unknown factory (TLSSocket walks to Socket)',
        code: `
import type { TLSSocket } from 'tls';
declare function open(): TLSSocket;
const s = open();
s.write('x');`,
      error: { messageId: 'socketWithoutErrorListener', line: 4, column: 7 },
      },
      4,
      listener('s', socketLog('s')),
    ),
  ]),
  // Base constructors of other packages (eventemitter3) and of Node (events) keep nothing of `this`.
  ...js<Invalid>([
    suggested(
      {
        name: "EE3.call(this) of eventemitter3 is no hand-off: http-proxy's listen() server has no listener",
        code: eventemitter3Server,
        error: { messageId: 'serverWithoutErrorListener', line: 11, column: 18 },
      },
      11,
      listener('this._server', "console.error('server error:', error);", '  '),
    ),
    suggested(
      {
        name: 'EventEmitter.call(this) of node:events is no hand-off',
        code: eventEmitterClient,
        error: { messageId: 'socketWithoutErrorListener', line: 6, column: 18 },
      },
      6,
      listener('this._socket', socketLog('this._socket'), '  '),
    ),
    suggested(
      {
        name: "s.listen.apply(s, arguments) is the server calling its own method, no hand-off (mysql2's Server)",
        code: ownApplyCode,
        error: { messageId: 'serverWithoutErrorListener', line: 7, column: 20 },
      },
      7,
      listener('this._server', "console.error('server error:', error);", '    '),
    ),
    suggested(
      {
        name: 'chained assignment into a local and a field: neither has a listener',
        code: chainedCode,
        error: { messageId: 'requestWithoutErrorListener', line: 6, column: 23 },
      },
      6,
      [],
    ),
  ]),
];

// The errorHandler option: the inserted listener's body is the user's template, ${target} and ${kind} filled in.
const report = "report('${kind}', ${target}, error);";
const errorHandlerCases: Invalid[] = [
  suggested(
    {
      name: 'errorHandler: a socket gets the template with its name and kind',
      code: `
import net from 'net';
const s = net.connect(80);`,
      options: [{ errorHandler: report }],
      error: { messageId: 'socketWithoutErrorListener', line: 3, column: 11 },
    },
    3,
    listener('s', "report('socket', s, error);"),
  ),
  suggested(
    {
      name: 'errorHandler: a server, a template of two lines',
      code: `
import http from 'http';
const server = new http.Server();
server.listen(1);`,
      options: [{ errorHandler: "metrics.count('${kind}');\nlogger.warn({ err: error }, '${target} failed');" }],
      error: { messageId: 'serverWithoutErrorListener', line: 3, column: 16 },
    },
    3,
    ['server.on(\'error\', (error) => {', "  metrics.count('server');", "  logger.warn({ err: error }, 'server failed');", '});'],
  ),
  suggested(
    {
      name: 'errorHandler: a request; blank lines around the template go, an unknown placeholder stays',
      code: `
import http from 'http';
const req = http.request({ host: 'x' });
req.end();`,
      options: [{ errorHandler: "\n  \nfail(${target}, '${other}');\n\n" }],
      error: { messageId: 'requestWithoutErrorListener', line: 3, column: 13 },
    },
    3,
    listener('req', "fail(req, '${other}');"),
  ),
  {
    name: 'errorHandler: a ws socket is of kind WebSocket, inserted at the start of its callback',
    code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', console.error);
wss.on('connection', (ws) => {
  ws.send('hi');
});`,
    options: [{ errorHandler: report }],
    errors: [
      {
        messageId: 'socketWithoutErrorListener',
        line: 5,
        column: 23,
        suggestions: [
          {
            messageId: 'addErrorListener',
            output: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', console.error);
wss.on('connection', (ws) => {
  ws.on('error', (error) => {
    report('WebSocket', ws, error);
  });
  ws.send('hi');
});`,
          },
        ],
      },
    ],
  },
  suggested(
    {
      name: 'errorHandler: an empty template keeps the built-in line',
      code: `
import net from 'net';
const s = net.connect(80);`,
      options: [{ errorHandler: '  ' }],
      error: { messageId: 'socketWithoutErrorListener', line: 3, column: 11 },
    },
    3,
    listener('s', socketLog('s')),
  ),
];

runRuleTests(RULE_NAME, rule, { valid, invalid: [...invalid, ...errorHandlerCases] });
