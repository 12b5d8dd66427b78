import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/remove-on-close.js';
import { commonjs, js, runRuleTests, ts, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { insertLines, replaceLine } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const valid: Valid[] = [
  ...js<Valid>([
    {
      name: 'Set removed on close (undeclared require)',
      code: `
const net = require('net');
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});`,
    },
    {
      name: 'Map by id removed on close',
      code: `
import net from 'node:net';
const connections = new Map();
let nextId = 0;
net.createServer((socket) => {
  const id = nextId++;
  connections.set(id, socket);
  socket.once('close', () => { connections.delete(id); });
});`,
    },
    {
      name: 'array spliced on close',
      code: `
import { createServer } from 'net';
const clients = [];
createServer((socket) => {
  clients.push(socket);
  socket.on('close', () => clients.splice(clients.indexOf(socket), 1));
});`,
    },
    {
      name: 'array re-filtered on close',
      code: `
import { createServer } from 'net';
let clients = [];
createServer((socket) => {
  clients.push(socket);
  socket.on('close', () => { clients = clients.filter((c) => c !== socket); });
});`,
    },
    {
      name: 'object entry deleted on close',
      code: `
import net from 'net';
const byKey = {};
net.createServer((socket) => {
  const key = socket.remoteAddress + ':' + socket.remotePort;
  byKey[key] = socket;
  socket.on('close', () => { delete byKey[key]; });
});`,
    },
    {
      name: 'object entry set to null on close',
      code: `
import net from 'net';
const slots = {};
net.createServer((socket) => {
  const key = String(socket.remotePort);
  slots[key] = socket;
  socket.on('close', () => { slots[key] = null; });
});`,
    },
    {
      name: 'removed by a same-file function called from the close listener',
      code: `
import net from 'net';
const sockets = new Set();
function untrack(socket) { sockets.delete(socket); }
net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => untrack(socket));
});`,
    },
    {
      name: 'connection manager class, obj.method of new C()',
      code: `
import net from 'net';
class Manager {
  constructor() { this.sockets = new Set(); }
  add(socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.remove(socket));
  }
  remove(socket) { this.sockets.delete(socket); }
}
const manager = new Manager();
net.createServer((socket) => manager.add(socket));`,
    },
    {
      name: 'record { id, socket } stored and removed by id',
      code: `
import net from 'net';
const connections = new Map();
let seq = 0;
net.createServer((socket) => {
  const id = ++seq;
  connections.set(id, { id, socket, openedAt: Date.now() });
  socket.on('close', () => connections.delete(id));
});`,
    },
    {
      name: 'collection created in the same function is not long-lived',
      code: `
import net from 'net';
net.createServer((socket) => {
  const chunks = [];
  const peers = new Set();
  peers.add(socket);
  chunks.push(socket);
});`,
    },
    {
      name: 'WeakMap and WeakSet need no removal',
      code: `
import net from 'net';
const meta = new WeakMap();
const seen = new WeakSet();
net.createServer((socket) => {
  meta.set(socket, { at: Date.now() });
  seen.add(socket);
});`,
    },
    {
      name: 'updating an entry already stored (and cleaned up) is not a new store',
      code: `
import net from 'net';
const bytes = new Map();
net.createServer((socket) => {
  bytes.set(socket, 0);
  socket.on('data', (chunk) => bytes.set(socket, bytes.get(socket) + chunk.length));
  socket.on('close', () => bytes.delete(socket));
});`,
    },
    {
      name: 'stream.finished callback removes',
      code: `
import net from 'net';
import { finished } from 'stream';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  finished(socket, () => sockets.delete(socket));
});`,
    },
    {
      name: 'await finished(socket) then remove',
      code: `
import net from 'net';
import { finished } from 'node:stream/promises';
const sockets = new Set();
net.createServer(async (socket) => {
  sockets.add(socket);
  try { await finished(socket); } finally { sockets.delete(socket); }
});`,
    },
    {
      name: 'await once(socket, close) then remove',
      code: `
import net from 'net';
import { once } from 'events';
const sockets = new Set();
net.createServer(async (socket) => {
  sockets.add(socket);
  await once(socket, 'close');
  sockets.delete(socket);
});`,
    },
    {
      name: 'prependOnceListener close',
      code: `
import net from 'net';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.prependOnceListener('close', () => sockets.clear());
});`,
    },
    {
      name: 'handed off to imported code is trusted by default',
      code: `
import net from 'net';
import { serve } from './serve.js';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  serve(socket, sockets);
});`,
    },
    {
      name: "a wrapper object's 'end' is the wrapper's business",
      code: `
import net from 'net';
import { Connection } from './connection.js';
const connections = new Set();
net.createServer((socket) => {
  const connection = new Connection(socket);
  connections.add(connection);
  connection.on('end', () => connections.delete(connection));
});`,
    },
    {
      name: 'close handler passed by name',
      code: `
import net from 'net';
const sockets = new Set();
function onClose() { sockets.delete(this); }
net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', onClose);
});`,
    },
    {
      name: 'close handler through bind',
      code: `
import net from 'net';
class Pool {
  sockets = new Set();
  accept(socket) {
    this.sockets.add(socket);
    socket.on('close', this.forget.bind(this, socket));
  }
  forget(socket) { this.sockets.delete(socket); }
}
const pool = new Pool();
net.createServer((socket) => pool.accept(socket));`,
    },
    {
      name: 'http server connection sockets tracked and removed',
      code: `
import http from 'http';
const open = new Set();
const server = http.createServer((req, res) => res.end());
server.on('connection', (socket) => {
  open.add(socket);
  socket.on('close', () => open.delete(socket));
});`,
    },
    {
      name: 'ws clients removed on close',
      code: `
import { WebSocketServer } from 'ws';
const clients = new Set();
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});`,
    },
    {
      name: 'socket as Map key removed',
      code: `
import net from 'net';
const lastSeen = new Map();
net.createServer((socket) => {
  lastSeen.set(socket, Date.now());
  socket.on('close', () => lastSeen.delete(socket));
});`,
    },
    {
      name: 'object literal registry method',
      code: `
import net from 'net';
const registry = {
  sockets: new Set(),
  add(socket) { this.sockets.add(socket); },
  remove(socket) { this.sockets.delete(socket); },
};
net.createServer((socket) => {
  registry.add(socket);
  socket.on('close', () => registry.remove(socket));
});`,
    },
    {
      name: 'ES5 constructor with prototype methods',
      code: `
var net = require('net');
function Pool() { this.sockets = []; }
Pool.prototype.add = function (socket) {
  this.sockets.push(socket);
  socket.on('close', this.remove.bind(this, socket));
};
Pool.prototype.remove = function (socket) {
  this.sockets.splice(this.sockets.indexOf(socket), 1);
};
var pool = new Pool();
net.createServer(function (socket) { pool.add(socket); });`,
    },
    {
      name: 'removal two same-file calls deep',
      code: `
import net from 'net';
const sockets = new Set();
function cleanup(socket) { forget(socket); }
function forget(socket) { sockets.delete(socket); }
net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => cleanup(socket));
});`,
    },
    {
      name: 'client sockets in a pool removed on close',
      code: `
import net from 'net';
const pool = [];
function open() {
  const socket = net.connect(80);
  pool.push(socket);
  socket.on('error', () => {});
  socket.on('close', () => pool.splice(pool.indexOf(socket), 1));
}`,
    },
    {
      name: 'removal on both end and close',
      code: `
import net from 'net';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  const forget = () => sockets.delete(socket);
  socket.on('end', forget);
  socket.on('close', forget);
});`,
    },
  ]),
  ...commonjs<Valid>([
    {
      name: 'declared require global',
      code: `
const net = require('net');
const sockets = new Set();
net.createServer((socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });`,
    },
  ]),
  ...ts<Valid>([
    {
      name: 'typed parameter stored and removed',
      code: `
import type { Socket } from 'net';
const sockets = new Set<Socket>();
export function track(socket: Socket): void {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
}`,
    },
  ]),
  // A collection handed to a constructor and kept as a field is one collection under two names.
  ...js<Valid>([
    {
      name: 'constructor parameter kept as this.pool: pool.add(s), removed by this.pool.delete in a close method',
      code: `
import net from 'node:net';
class Connection {
  constructor(socket, pool) {
    this.socket = socket;
    this.pool = pool;
    pool.add(socket);
    socket.on('close', () => this.onClose());
  }
  onClose() { this.pool.delete(this.socket); }
}
const pool = new Set();
net.createServer((socket) => { new Connection(socket, pool); });`,
    },
    {
      name: 'ES5 constructor: pool.add before this.pool = pool, removed in a prototype method',
      code: `
var net = require('net');
function Connection(socket, pool) {
  pool.add(socket);
  this.pool = pool;
  this.socket = socket;
  socket.on('close', this.onClose.bind(this));
}
Connection.prototype.onClose = function () { this.pool.delete(this.socket); };
var pool = new Set();
net.createServer(function (socket) { return new Connection(socket, pool); });`,
    },
    {
      name: 'const self = this: self.sockets and this.sockets are one collection',
      code: `
import net from 'net';
class Hub {
  constructor() { this.sockets = new Set(); }
  listen() {
    const self = this;
    net.createServer(function (socket) {
      self.sockets.add(socket);
      socket.on('close', () => self.remove(socket));
    });
  }
  remove(socket) { this.sockets.delete(socket); }
}`,
    },
  ]),
  ...ts<Valid>([
    {
      name: 'TS parameter property: private readonly pool, removed through this.pool on close',
      code: `
import type { Socket } from 'node:net';
export class Connection {
  constructor(private readonly pool: Set<Socket>, private readonly socket: Socket) {
    pool.add(socket);
    socket.on('close', () => this.release());
  }
  private release(): void { this.pool.delete(this.socket); }
}`,
    },
  ]),
];

const setCode = `
const net = require('net');
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.write('hi');
});`;

const commentedCode = `
const net = require('net');
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket); // every client, for the broadcast
  socket.write('hi');
});`;

const endCode = `
import net from 'net';
const connections = new Map();
net.createServer((socket) => {
  const id = socket.remotePort;
  connections.set(id, socket);
  socket.on('end', () => connections.delete(id));
});`;

const managerCode = `
import net from 'net';
export class ConnectionManager {
  constructor() { this.connections = new Set(); }
  accept(socket) {
    this.connections.add(socket);
  }
}
const manager = new ConnectionManager();
net.createServer((socket) => manager.accept(socket));`;

const poolOnEndCode = `
import net from 'node:net';
class Connection {
  constructor(socket, pool) {
    this.socket = socket;
    this.pool = pool;
    pool.add(socket);
    socket.on('end', () => this.onEnd());
  }
  onEnd() { this.pool.delete(this.socket); }
}
net.createServer((socket) => { socket.on('error', () => {}); new Connection(socket, new Set()); });`;

const poolOtherCode = `
import net from 'node:net';
const others = new Set();
class Connection {
  constructor(socket, pool) {
    this.pool = pool;
    pool.add(socket);
    socket.on('close', () => others.delete(socket));
  }
}
net.createServer((socket) => { socket.on('error', () => {}); new Connection(socket, new Set()); });`;

const poolPropertyCode = `
import type { Socket } from 'node:net';
export class Connection {
  constructor(private readonly pool: Set<Socket>, private readonly socket: Socket) {
    pool.add(socket);
    socket.on('error', () => {});
  }
  private release(): void { this.pool.delete(this.socket); }
}`;

const invalid: Invalid[] = [
  {
    name: 'the suggestion goes below a comment that trails the storing statement',
    code: commentedCode,
    errors: [
      {
        messageId: 'noRemoval',
        line: 5,
        suggestions: [
          {
            messageId: 'removeOnClose',
            data: { collection: 'sockets' },
            output: insertLines(commentedCode, 5, ["  socket.on('close', () => sockets.delete(socket));"]),
          },
        ],
      },
    ],
  },
  ...js<Invalid>([
    {
      name: 'Set with no removal',
      code: setCode,
      errors: [
        {
          messageId: 'noRemoval',
          data: { collection: 'sockets' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'removeOnClose',
              data: { collection: 'sockets' },
              output: insertLines(setCode, 5, ["  socket.on('close', () => sockets.delete(socket));"]),
            },
          ],
        },
      ],
    },
    {
      name: 'Map keyed by a const id with no removal',
      code: `
import net from 'net';
const connections = new Map();
net.createServer((socket) => {
  const id = socket.remotePort;
  connections.set(id, socket);
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const connections = new Map();
net.createServer((socket) => {
  const id = socket.remotePort;
  connections.set(id, socket);
  socket.on('close', () => connections.delete(id));
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'Map keyed by an expression: no suggestion',
      code: `
import net from 'net';
const connections = new Map();
let nextId = 0;
net.createServer((socket) => { connections.set(nextId++, socket); });`,
      errors: [{ messageId: 'noRemoval', line: 5, column: 32, suggestions: [] }],
    },
    {
      name: 'array push with no removal',
      code: `
import { createServer } from 'node:net';
const clients = [];
createServer((socket) => {
  clients.push(socket);
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import { createServer } from 'node:net';
const clients = [];
createServer((socket) => {
  clients.push(socket);
  socket.on('close', () => {
    const index = clients.indexOf(socket);
    if (index !== -1) clients.splice(index, 1);
  });
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'object entry with no removal',
      code: `
import net from 'net';
const byAddress = {};
net.createServer((socket) => {
  const address = socket.remoteAddress;
  byAddress[address] = socket;
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 6,
          column: 3,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const byAddress = {};
net.createServer((socket) => {
  const address = socket.remoteAddress;
  byAddress[address] = socket;
  socket.on('close', () => {
    delete byAddress[address];
  });
});`,
            },
          ],
        },
      ],
    },
    {
      name: "removed only on 'end'",
      code: endCode,
      errors: [
        {
          messageId: 'removedOnlyOnEnd',
          data: { collection: 'connections', event: 'end' },
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'listenOnClose',
              data: { event: 'end' },
              output: replaceLine(endCode, 7, ["  socket.on('close', () => connections.delete(id));"]),
            },
          ],
        },
      ],
    },
    {
      name: "removed only on 'error' (double quotes kept)",
      code: `
import net from 'net';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.on("error", () => sockets.delete(socket));
});`,
      errors: [
        {
          messageId: 'removedOnlyOnEnd',
          data: { collection: 'sockets', event: 'error' },
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'listenOnClose',
              output: `
import net from 'net';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
});`,
            },
          ],
        },
      ],
    },
    {
      name: "removed only on 'timeout'",
      code: `
import net from 'net';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.setTimeout(1000);
  socket.once('timeout', () => { sockets.delete(socket); socket.destroy(); });
});`,
      errors: [
        {
          messageId: 'removedOnlyOnEnd',
          data: { collection: 'sockets', event: 'timeout' },
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'listenOnClose',
              output: `
import net from 'net';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.setTimeout(1000);
  socket.once('close', () => { sockets.delete(socket); socket.destroy(); });
});`,
            },
          ],
        },
      ],
    },
    {
      name: "'close' on the server does not count",
      code: `
import net from 'net';
const sockets = new Set();
const server = net.createServer((socket) => { sockets.add(socket); });
server.on('close', () => sockets.clear());`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 4,
          column: 47,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const sockets = new Set();
const server = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
server.on('close', () => sockets.clear());`,
            },
          ],
        },
      ],
    },
    {
      name: 'class manager with no removal (obj.method of new C())',
      code: managerCode,
      errors: [
        {
          messageId: 'noRemoval',
          data: { collection: 'this.connections' },
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'removeOnClose',
              data: { collection: 'this.connections' },
              output: insertLines(managerCode, 6, ["    socket.on('close', () => this.connections.delete(socket));"]),
            },
          ],
        },
      ],
    },
    {
      name: 'record holding the socket pushed onto an array: the suggestion removes the record itself',
      code: `
import net from 'net';
const sessions = [];
net.createServer((socket) => {
  const session = { socket, openedAt: Date.now() };
  sessions.push(session);
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const sessions = [];
net.createServer((socket) => {
  const session = { socket, openedAt: Date.now() };
  sessions.push(session);
  socket.on('close', () => {
    const index = sessions.indexOf(session);
    if (index !== -1) sessions.splice(index, 1);
  });
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'record literal pushed onto an array: no name finds it again, so no suggestion',
      code: `
import net from 'net';
const sessions = [];
net.createServer((socket) => {
  sessions.push({ socket, openedAt: Date.now() });
});`,
      errors: [{ messageId: 'noRemoval', line: 5, column: 3, suggestions: [] }],
    },
    {
      name: 'record { id, socket } with no removal',
      code: `
import net from 'net';
const connections = new Map();
net.createServer((socket) => {
  const id = \`\${socket.remoteAddress}:\${socket.remotePort}\`;
  connections.set(id, { id, socket });
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const connections = new Map();
net.createServer((socket) => {
  const id = \`\${socket.remoteAddress}:\${socket.remotePort}\`;
  connections.set(id, { id, socket });
  socket.on('close', () => connections.delete(id));
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'close listener removes from another collection',
      code: `
import net from 'net';
const active = new Set();
const all = new Set();
net.createServer((socket) => {
  all.add(socket);
  active.add(socket);
  socket.on('close', () => active.delete(socket));
});`,
      errors: [
        {
          messageId: 'noRemoval',
          data: { collection: 'all' },
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const active = new Set();
const all = new Set();
net.createServer((socket) => {
  all.add(socket);
  socket.on('close', () => all.delete(socket));
  active.add(socket);
  socket.on('close', () => active.delete(socket));
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'trustHandOff false: handed-off socket is reported',
      code: `
import net from 'net';
import { serve } from './serve.js';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  serve(socket);
});`,
      options: [{ trustHandOff: false }],
      errors: [
        {
          messageId: 'noRemoval',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
import { serve } from './serve.js';
const sockets = new Set();
net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  serve(socket);
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'http server connection sockets (stores are not exempt)',
      code: `
import http from 'http';
const open = new Set();
const server = http.createServer((req, res) => res.end());
server.on('connection', (socket) => { open.add(socket); });`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 39,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import http from 'http';
const open = new Set();
const server = http.createServer((req, res) => res.end());
server.on('connection', (socket) => {
  open.add(socket);
  socket.on('close', () => open.delete(socket));
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'ws clients with removal only on error',
      code: `
import { WebSocketServer } from 'ws';
const clients = new Set();
new WebSocketServer({ port: 1 }).on('connection', (ws) => {
  clients.add(ws);
  ws.on('error', () => clients.delete(ws));
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import { WebSocketServer } from 'ws';
const clients = new Set();
new WebSocketServer({ port: 1 }).on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
  ws.on('error', () => clients.delete(ws));
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'unshift, then splice of the same socket into the same array: one report',
      code: `
import net from 'net';
const recent = [];
net.createServer((socket) => {
  recent.unshift(socket);
  recent.splice(1, 0, socket);
});`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import net from 'net';
const recent = [];
net.createServer((socket) => {
  recent.unshift(socket);
  socket.on('close', () => {
    const index = recent.indexOf(socket);
    if (index !== -1) recent.splice(index, 1);
  });
  recent.splice(1, 0, socket);
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'socket taken over in upgrade, stored in a same-file helper',
      code: `
import http from 'http';
const upgraded = new Set();
function keep(socket) {
  upgraded.add(socket);
}
const server = http.createServer();
server.on('upgrade', (req, socket, head) => { keep(socket); });`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import http from 'http';
const upgraded = new Set();
function keep(socket) {
  upgraded.add(socket);
  socket.on('close', () => upgraded.delete(socket));
}
const server = http.createServer();
server.on('upgrade', (req, socket, head) => { keep(socket); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'client socket stored in a module-level pool',
      code: `
import net from 'net';
const pool = new Map();
export function open(host) {
  const socket = net.connect(80, host);
  pool.set(host, socket);
  socket.on('error', () => {});
}`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 6,
          column: 3,
          suggestions: [],
        },
      ],
    },
    {
      name: 'record assigned to a variable, then stored',
      code: `
import net from 'net';
const sessions = new Map();
let counter = 0;
net.createServer((socket) => {
  const session = { socket, id: ++counter };
  sessions.set(session.id, session);
});`,
      errors: [{ messageId: 'noRemoval', line: 7, column: 3, suggestions: [] }],
    },
    {
      name: 'this.sockets[key] = socket in a class',
      code: `
import net from 'net';
class Hub {
  constructor() { this.byId = {}; }
  listen() {
    net.createServer((socket) => {
      this.byId[socket.remotePort] = socket;
    });
  }
}`,
      errors: [{ messageId: 'noRemoval', line: 7, column: 7, suggestions: [] }],
    },
  ]),
  ...commonjs<Invalid>([
    {
      name: 'declared require, Set without removal',
      code: setCode,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: insertLines(setCode, 5, ["  socket.on('close', () => sockets.delete(socket));"]),
            },
          ],
        },
      ],
    },
  ]),
  ...ts<Invalid>([
    {
      name: 'typed parameter stored without removal',
      code: `
import type { Socket } from 'node:net';
const sockets: Socket[] = [];
export function track(socket: Socket): void {
  sockets.push(socket);
  socket.on('error', () => {});
}`,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'removeOnClose',
              output: `
import type { Socket } from 'node:net';
const sockets: Socket[] = [];
export function track(socket: Socket): void {
  sockets.push(socket);
  socket.on('close', () => {
    const index = sockets.indexOf(socket);
    if (index !== -1) sockets.splice(index, 1);
  });
  socket.on('error', () => {});
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'typed property of a class stored in a map',
      code: `
import { Socket } from 'net';
const live = new Map<string, Socket>();
class Peer {
  constructor(readonly socket: Socket, readonly id: string) {
    live.set(id, socket);
  }
}`,
      errors: [{ messageId: 'noRemoval', line: 6, column: 5, suggestions: [] }],
    },
  ]),
  // The constructor-parameter alias still sees where the removal runs.
  ...js<Invalid>([
    {
      name: 'constructor parameter kept as this.pool, removed only on end',
      code: poolOnEndCode,
      errors: [
        {
          messageId: 'removedOnlyOnEnd',
          line: 7,
          column: 5,
          suggestions: [{ messageId: 'listenOnClose', output: replaceLine(poolOnEndCode, 8, ["    socket.on('close', () => this.onEnd());"]) }],
        },
      ],
    },
    {
      name: 'constructor parameter kept as this.pool, the close listener removes from another collection',
      code: poolOtherCode,
      errors: [
        {
          messageId: 'noRemoval',
          line: 7,
          column: 5,
          suggestions: [{ messageId: 'removeOnClose', output: insertLines(poolOtherCode, 7, ["    socket.on('close', () => pool.delete(socket));"]) }],
        },
      ],
    },
  ]),
  ...ts<Invalid>([
    {
      name: 'TS parameter property pool, never removed',
      code: poolPropertyCode,
      errors: [
        {
          messageId: 'noRemoval',
          line: 5,
          column: 5,
          suggestions: [{ messageId: 'removeOnClose', output: insertLines(poolPropertyCode, 5, ["    socket.on('close', () => pool.delete(socket));"]) }],
        },
      ],
    },
  ]),
];

runRuleTests(RULE_NAME, rule, { valid, invalid });
