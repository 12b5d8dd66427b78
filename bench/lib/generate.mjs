// Realistic socket code of any size for the scaling benchmark: the same ~40-line unit (a server that
// tracks its sockets, a timeout, an error listener, a client with a request timeout, a manager class)
// repeated with fresh names, plus a worst case for the shared analysis (thousands of sockets and
// collections in one scope).

function unit(i) {
  return `
const sockets${i} = new Set();
const byId${i} = new Map();
const server${i} = net.createServer((socket) => {
  const id = nextId${i}++;
  sockets${i}.add(socket);
  byId${i}.set(id, { id, socket, since: Date.now() });
  socket.setTimeout(30000);
  socket.on('timeout', () => socket.destroy());
  socket.on('error', (error) => console.error('socket ${i}', error.message));
  socket.on('data', (chunk) => {
    if (chunk.length > 1024) socket.end('too long');
  });
  socket.on('close', () => {
    sockets${i}.delete(socket);
    byId${i}.delete(id);
  });
});
let nextId${i} = 0;
server${i}.on('error', (error) => console.error('server ${i}', error.message));

class Pool${i} {
  constructor() {
    this.idle = [];
  }
  open(port) {
    const client = net.connect(port, '127.0.0.1');
    client.on('error', () => this.drop(client));
    client.on('close', () => this.drop(client));
    this.idle.push(client);
    return client;
  }
  drop(client) {
    const index = this.idle.indexOf(client);
    if (index !== -1) this.idle.splice(index, 1);
  }
}

function fetchStatus${i}(port) {
  const request = http.get({ host: '127.0.0.1', port, path: '/status', timeout: 1000 });
  request.on('timeout', () => request.destroy());
  request.on('error', () => {});
  return request;
}
`;
}

const HEADER = `'use strict';
const net = require('node:net');
const http = require('node:http');
`;

/** A CommonJS file of about `lines` lines. */
export function generateSocketCode(lines) {
  const unitLines = unit(0).split('\n').length - 1;
  const parts = [HEADER];
  for (let i = 0; parts.length * unitLines < lines; i += 1) parts.push(unit(i));
  return parts.join('');
}

/** One scope holding `sockets` sockets and `collections` collections, each socket stored in one of them. */
export function generateWorstCase(sockets = 5000, collections = 5000) {
  const out = [HEADER, 'function wire(server) {'];
  for (let c = 0; c < collections; c += 1) out.push(`  const store${c} = new Set();`);
  out.push("  server.on('connection', (first) => {");
  for (let s = 0; s < sockets; s += 1) {
    const c = s % collections;
    out.push(`    const socket${s} = net.connect(${1000 + (s % 60000)});`);
    out.push(`    store${c}.add(socket${s});`);
    out.push(`    socket${s}.on('error', () => {});`);
    out.push(`    socket${s}.on('close', () => store${c}.delete(socket${s}));`);
  }
  out.push('    first.on(\'error\', () => {});', '  });', '}', 'module.exports = { wire };', '');
  return out.join('\n');
}
