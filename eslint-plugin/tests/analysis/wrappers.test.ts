// The model's objects built around sockets (wrappers.ts, selfRegistration.ts, connectionListeners.ts) and
// the entries kept for a socket that are not the socket (derivedStores.ts).
import { describe, expect, it } from 'vitest';

import { analyze } from './analyze.js';

describe('socket model: objects built around a socket', () => {
  it('makes one wrapper per wrapping new, linked to its socket, and follows it to its stores', () => {
    const model = analyze(`
import net from 'net';
import { Session, Frame } from './session.js';
const sessions = new Set();
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.add(session);
  const outer = new Frame(session);
  const ref = new WeakRef(socket);
  const failure = new Error(socket);
});`);
    expect(model.wrappers.map((wrapper) => `${model.text(wrapper.node)} wraps ${wrapper.wraps ? model.text(wrapper.wraps.node) : '-'}`)).toEqual([
      'new Session(socket) wraps socket',
      'new Frame(session) wraps new Session(socket)',
    ]);
    expect(model.wrappers[0]?.stores.map((store) => model.text(store.node))).toEqual(['sessions.add(session)']);
    // the wrappers are no origins: the other rules never see them
    expect(model.origins.map((origin) => model.text(origin.node).split('(')[0])).toEqual(['net.createServer', 'socket']);
  });

  it("takes the listener's arguments passed whole as built around its socket parameter", () => {
    const model = analyze(`
var http = require('http');
var WebSocket = require('./WebSocket');
http.createServer().on('upgrade', function (req, socket, head) {
  var a = new WebSocket(Array.prototype.slice.call(arguments, 0));
  var b = new WebSocket(...arguments);
  var c = new WebSocket(arguments);
});`);
    expect(model.wrappers.map((wrapper) => model.text(wrapper.node))).toEqual([
      'new WebSocket(Array.prototype.slice.call(arguments, 0))',
      'new WebSocket(...arguments)',
      'new WebSocket(arguments)',
    ]);
  });

  it("links a table-made wrapper (createWebSocketStream) to the socket it wraps", () => {
    const model = analyze(`
import { WebSocketServer, createWebSocketStream } from 'ws';
new WebSocketServer({ port: 1 }).on('connection', (ws) => {
  const duplex = createWebSocketStream(ws);
});`);
    const stream = model.origins.find((origin) => model.text(origin.node).startsWith('createWebSocketStream'));
    expect(stream?.family).toBe('ws-stream');
    expect(stream?.wraps && model.text(stream.wraps.node)).toBe('ws');
  });

  it("finds a connection object of the file that registers itself, unless the registry is pruned somewhere", () => {
    const code = (prune: string): string => `
function Socket(transport) {
  Socket.sockets.push(this);
  this.own = [];
  this.own.push(this);
  transport.on('close', () => this.onClose());
}
Socket.sockets = [];
Socket.prototype.onClose = function () { ${prune} this.emit('close'); };`;
    const found = analyze(code(''));
    expect(found.wrappers.map((wrapper) => found.text(wrapper.node.parent ?? wrapper.node))).toEqual(['Socket.sockets.push(this)']);
    expect(analyze(code('Socket.sockets.splice(Socket.sockets.indexOf(this), 1);')).wrappers).toEqual([]);
  });

  it("takes the parameter of a 'connection' listener of an emitter out of sight as a connection", () => {
    const model = analyze(`
export function watch(io, server) {
  io.on('connection', (socket) => {});
  server.on('connection', onConnection);
  function onConnection(conn) {}
}`);
    expect(model.wrappers.map((wrapper) => model.text(wrapper.node))).toEqual(['socket', 'conn']);
  });
});

describe('socket model: entries kept for a socket', () => {
  it('adds stores keyed by or made of a value read from the socket', () => {
    const model = analyze(`
import net from 'net';
const byPort = {};
const peers = new Map();
const names = [];
const stats = new Map();
net.createServer((socket) => {
  byPort[socket.remotePort] = { since: Date.now() };
  const key = socket.remoteAddress + ':' + socket.remotePort;
  peers.set(key, {});
  names.push(String(socket.remoteAddress));
  stats.set('last', socket.remoteAddress);
  byPort[socket.remotePort] = null;
  socket.setNoDelay(true);
});`);
    const socket = model.origins.find((origin) => model.text(origin.node) === 'socket');
    expect(socket?.stores.map((store) => `${model.text(store.node)} <- ${store.derivedFrom ? model.text(store.derivedFrom) : '-'}`)).toEqual([
      'byPort[socket.remotePort] = { since: Date.now() } <- socket.remotePort',
      "peers.set(key, {}) <- socket.remoteAddress + ':' + socket.remotePort",
      'names.push(String(socket.remoteAddress)) <- String(socket.remoteAddress)',
    ]);
  });
});
