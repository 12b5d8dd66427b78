// Issue 10, class 1: an object built around a socket (`new Session(socket)`, `new Peer(req, socket, head)`
// in an 'upgrade' listener, `new WebSocket(Array.prototype.slice.call(arguments))`) holds the connection as
// long as an array or map holds it, so it must leave the collection when the socket (or the object) closes.
// ws 19a20c39 and WebSocket-Node e60f68d in real-bugs/ leaked this way.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/remove-on-close.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { insertLines, replaceLine } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const sessionNeverRemoved = `
import net from 'node:net';
import { Session } from './session.js';
const sessions = new Set();
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.add(session);
});`;

const peerByIdEmitted = `
import http from 'node:http';
import { Peer } from './peer.js';
const server = http.createServer();
const peers = new Map();
server.on('upgrade', (req, socket, head) => {
  const id = req.headers['sec-websocket-key'];
  const peer = new Peer(req, socket, head);
  peers.set(id, peer);
  server.emit('peer', peer);
});`;

// ws 0.3.3: the upgrade listener's own arguments, socket included, made into a WebSocket by hand
const handBuiltWebSocket = `
var http = require('http');
var WebSocket = require('./WebSocket');
function WebSocketServer(port) {
  var self = this;
  this._clients = [];
  this._server = http.createServer();
  this._server.on('upgrade', function (req, socket, upgradeHead) {
    var client = new WebSocket(Array.prototype.slice.call(arguments, 0));
    self._clients.push(client);
    client.on('open', function () {
      self.emit('connection', client);
    });
  });
  this._server.listen(port);
}
module.exports = WebSocketServer;`;

const handedOff = `
import net from 'node:net';
import { Session } from './session.js';
import { track } from './tracker.js';
const sessions = new Set();
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.add(session);
  track(session);
});`;

// engine.io-client 0.7: each client Socket (built around its transport's connection) registers itself
const registersItself = `
var Emitter = require('./emitter');
var transports = require('./transports');
module.exports = Socket;
function Socket(uri) {
  this.transport = transports.websocket(uri);
  var self = this;
  this.transport.on('close', function () { self.onClose('transport close'); });
  Socket.sockets.push(this);
}
Emitter(Socket.prototype);
Socket.sockets = [];
Socket.prototype.onClose = function (reason) {
  this.readyState = 'closed';
  this.emit('close', reason);
};`;

const removedOnSocketEnd = `
import net from 'node:net';
import { Session } from './session.js';
const sessions = [];
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.push(session);
  socket.on('end', () => sessions.splice(sessions.indexOf(session), 1));
});`;

const valid: Valid[] = js<Valid>([
  {
    name: "a session removed on its socket's 'close'",
    code: `
import net from 'node:net';
import { Session } from './session.js';
const sessions = new Set();
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.add(session);
  socket.on('close', () => sessions.delete(session));
});`,
  },
  {
    name: "a peer built in an 'upgrade' listener, removed on its own 'close'",
    code: `
import http from 'node:http';
import { Peer } from './peer.js';
const peers = [];
http.createServer().on('upgrade', (req, socket, head) => {
  const peer = new Peer(req, socket, head);
  peers.push(peer);
  peer.on('close', () => peers.splice(peers.indexOf(peer), 1));
});`,
  },
  {
    name: "a wrapper's own 'disconnect' is its close (an object of unknown make may name it so)",
    code: `
import net from 'node:net';
import { Client } from './client.js';
const clients = new Map();
net.createServer((socket) => {
  const client = new Client(socket);
  clients.set(client.id, client);
  client.on('disconnect', () => clients.delete(client.id));
});`,
  },
  {
    name: "a wrapper class of the file that takes itself out on its socket's 'close'",
    code: `
import net from 'node:net';
const registry = new Set();
class Connection {
  constructor(socket) {
    this.socket = socket;
    socket.on('close', () => registry.delete(this));
  }
}
net.createServer((socket) => {
  registry.add(new Connection(socket));
});`,
  },
  {
    name: 'the wrapper is given the collection: it may remove itself',
    code: `
import net from 'node:net';
import { Client } from './client.js';
const registry = new Set();
net.createServer((socket) => {
  registry.add(new Client(socket, registry));
});`,
  },
  {
    name: 'a wrapper handed to code elsewhere is trusted by default (like a socket)',
    code: `
import net from 'node:net';
import { Session } from './session.js';
import { track } from './tracker.js';
const sessions = new Set();
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.add(session);
  track(session);
});`,
  },
  {
    name: 'trap: a WeakRef is no connection object; its store is not the socket either',
    code: `
import net from 'node:net';
const refs = [];
net.createServer((socket) => {
  refs.push(new WeakRef(socket));
});`,
  },
  {
    name: 'trap: wrappers batched in an array created in the same listener die with it',
    code: `
import net from 'node:net';
import { Frame, send } from './frames.js';
net.createServer((socket) => {
  const batch = [];
  batch.push(new Frame(socket));
  send(batch);
});`,
  },
  {
    name: 'trap: a wrapper kept in a WeakMap',
    code: `
import net from 'node:net';
import { Session } from './session.js';
const sessions = new WeakMap();
net.createServer((socket) => {
  sessions.set(socket, new Session(socket));
});`,
  },
  {
    name: 'a connection object that registers itself and takes itself out when it closes',
    code: `
import { EventEmitter } from 'node:events';
export class Connection extends EventEmitter {
  static all = new Set();
  constructor(transport) {
    super();
    Connection.all.add(this);
    transport.on('close', () => this.destroy());
  }
  destroy() {
    Connection.all.delete(this);
    this.emit('close');
  }
}`,
  },
  {
    name: "trap: an object that never emits 'close' registering itself is no connection",
    code: `
export class Plugin {
  static loaded = [];
  constructor(name) {
    this.name = name;
    Plugin.loaded.push(this);
  }
}`,
  },
  {
    name: "trap: a method (not the constructor) storing this: the caller's business",
    code: `
import { EventEmitter } from 'node:events';
const open = new Set();
export class Channel extends EventEmitter {
  track() { open.add(this); }
  close() { this.emit('close'); }
}`,
  },
]);

const invalid: Invalid[] = js<Invalid>([
  {
    name: 'a session built around each accepted socket, never removed',
    code: sessionNeverRemoved,
    errors: [
      {
        messageId: 'entryNoRemoval',
        data: { collection: 'sessions', entry: 'built around it: new Session(socket)' },
        line: 7,
        column: 3,
        suggestions: [
          {
            messageId: 'removeOnClose',
            data: { collection: 'sessions' },
            output: insertLines(sessionNeverRemoved, 7, ["  socket.on('close', () => sessions.delete(session));"]),
          },
        ],
      },
    ],
  },
  {
    name: "a peer built in an 'upgrade' listener: emitting it does not hand over the file's map",
    code: peerByIdEmitted,
    errors: [
      {
        messageId: 'entryNoRemoval',
        line: 9,
        suggestions: [
          {
            messageId: 'removeOnClose',
            output: insertLines(peerByIdEmitted, 9, ["  socket.on('close', () => peers.delete(id));"]),
          },
        ],
      },
    ],
  },
  {
    name: "a WebSocket built by hand from the 'upgrade' listener's arguments (ws 0.3.3)",
    code: handBuiltWebSocket,
    errors: [{ messageId: 'entryNoRemoval', line: 10, suggestions: [] }],
  },
  {
    name: "removed only on the socket's 'end'",
    code: removedOnSocketEnd,
    errors: [
      {
        messageId: 'entryRemovedOnlyOn',
        data: { collection: 'sessions', entry: 'built around it: new Session(socket)', event: 'end' },
        line: 7,
        suggestions: [
          {
            messageId: 'listenOnClose',
            output: replaceLine(removedOnSocketEnd, 8, ["  socket.on('close', () => sessions.splice(sessions.indexOf(session), 1));"]),
          },
        ],
      },
    ],
  },
  {
    name: "a connection object that emits 'close' registers itself in a static array that nothing prunes",
    code: registersItself,
    errors: [
      {
        messageId: 'entryNoRemoval',
        data: { collection: 'Socket.sockets', entry: "this, an object that emits 'close'" },
        line: 9,
        suggestions: [],
      },
    ],
  },
  {
    name: "strict: a wrapper handed to code elsewhere",
    code: handedOff,
    options: [{ trustHandOff: false }],
    errors: [
      {
        messageId: 'entryNoRemoval',
        line: 8,
        suggestions: [
          {
            messageId: 'removeOnClose',
            output: insertLines(handedOff, 8, ["  socket.on('close', () => sessions.delete(session));"]),
          },
        ],
      },
    ],
  },
]);

runRuleTests(RULE_NAME, rule, { valid, invalid });
