import { describe, expect, it } from 'vitest';

import { analyze } from './analyze.js';

describe('socket model: origins', () => {
  it('finds servers, their connection sockets, client sockets and requests', () => {
    const model = analyze(`
import net from 'net';
import http from 'http';
const server = net.createServer((socket) => {});
const client = net.connect(80);
const req = http.get('http://x');
const web = http.createServer((req, res) => { req.socket.setNoDelay(); });
web.on('connection', (s) => {});
web.on('upgrade', (req, upgraded, head) => {});`);
    expect(model.origins.map((origin) => `${origin.kind}:${origin.family}:${origin.httpOwned ? 'http-owned' : origin.takenOver ? 'taken-over' : '-'}:${model.text(origin.node).split('(')[0]}`)).toEqual([
      'server:net:-:net.createServer',
      'socket:net:-:socket',
      'socket:net:-:net.connect',
      'request:http:-:http.get',
      'server:http:-:http.createServer',
      'incoming:http:http-owned:req',
      'response:http:http-owned:res',
      'socket:net:http-owned:req.socket',
      'socket:net:http-owned:s',
      'socket:net:taken-over:upgraded',
    ]);
  });

  it('builds the model once per file', () => {
    const model = analyze(`require('net').connect(1);`);
    expect(model.origins).toHaveLength(1);
  });
});

describe('socket model: aliases, listeners, stores, hand-offs', () => {
  it('follows aliases, records, this.x and same-file functions to the listeners', () => {
    const model = analyze(`
import net from 'net';
const connections = new Map();
class Conn {
  constructor(socket) { this.socket = socket; this.watch(); }
  watch() { this.socket.on('close', () => {}); }
}
function track(record) { connections.set(record.id, record); record.socket.once('error', () => {}); }
net.createServer((socket) => {
  const s = socket;
  s.on('data', () => {}).on('end', () => {});
  const { socket: inner } = { socket: s };
  inner.prependListener('timeout', () => {});
  track({ id: 1, socket: s });
  new Conn(s);
});`);
    const socket = model.origins.find((origin) => origin.kind === 'socket');
    expect(socket?.listeners.map((listener) => `${listener.method}:${listener.event}`)).toEqual([
      'on:data',
      'on:end',
      'prependListener:timeout',
      'once:error',
      'on:close',
    ]);
    expect(socket?.stores.map((store) => `${store.method}:${model.text(store.collection)}:${store.viaRecord}`)).toEqual(['set:connections:true']);
    expect(socket?.handOffs).toEqual([]);
  });

  it('notes hand-offs: unknown calls, re-emits, exports, returns from exported functions, depth over 3', () => {
    const model = analyze(`
import net from 'net';
import { take } from './elsewhere.js';
const a = net.connect(1); take(a);
const b = net.connect(2); emitter.emit('socket', b);
const c = net.connect(3); module.exports.c = c;
export function d() { return net.connect(4); }
function f1(s) { f2(s); } function f2(s) { f3(s); } function f3(s) { f4(s); } function f4(s) { s.on('error', () => {}); }
const e = net.connect(5); f1(e);
const g = net.connect(6); console.log(g); JSON.stringify(g); sockets.has(g);`);
    expect(model.origins.map((origin) => origin.handOffs.map((handOff) => handOff.reason).join(',') || '-')).toEqual([
      'call',
      'emit',
      'export',
      'return',
      'depth',
      '-',
    ]);
  });

  it('follows a socket returned from a private function into its callers', () => {
    const model = analyze(`
import net from 'net';
function open() { const s = net.connect(1); return s; }
const client = open();
client.on('error', () => {});`);
    expect(model.origins[0]?.listeners.map((listener) => listener.event)).toEqual(['error']);
    expect(model.origins[0]?.handOffs).toEqual([]);
  });

  it('records pipeline/finished coverage and close regions', () => {
    const model = analyze(`
import net from 'net';
import { pipeline, finished } from 'stream';
import { finished as done } from 'stream/promises';
const a = net.connect(1); pipeline(a, process.stdout, () => {});
const b = net.connect(2); finished(b, () => {});
async function f() { const c = net.connect(3); try { await done(c); } catch {} }`);
    expect(model.origins.map((origin) => [origin.errorCovers.length, origin.closeRegions.length])).toEqual([
      [1, 0],
      [1, 1],
      [1, 1],
    ]);
  });

  it('does not count a listener registered before the stream it was on was replaced', () => {
    const model = analyze(`
import net from 'net';
import tls from 'tls';
class C { open() { this.s = net.connect(1); this.s.on('error', () => {}); this.s = tls.connect({ socket: this.s }); } }`);
    expect(model.origins.map((origin) => origin.listeners.length)).toEqual([1, 0]);
  });

  it('finds sockets by TypeScript annotation, and merges typed parameters reached by a tracked socket', () => {
    const model = analyze(
      `
import net, { type Socket } from 'net';
import type { TLSSocket } from 'node:tls';
import WebSocket from 'ws';
function greet(s: Socket) { s.write('hi'); }
net.createServer((socket) => greet(socket));
export function other(t: TLSSocket, w: WebSocket, n: number) {}
class P { constructor(private readonly sock: net.Socket) {} }`,
      'ts',
    );
    expect(model.origins.map((origin) => `${origin.via}:${origin.family}:${model.text(origin.node).split(':')[0]}`)).toEqual([
      'api:net:net.createServer((socket) => greet(socket))',
      'callback:net:socket',
      'type:tls:t',
      'type:ws:w',
      'type:net:private readonly sock',
    ]);
  });
});
