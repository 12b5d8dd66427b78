// The 2,000-line files the editor benchmark lints: realistic socket code (bench/lib/generate.mjs for
// JavaScript, a typed ES-module twin of its unit for TypeScript) with a few leaky handlers mixed in, so
// that the timed path also turns findings into problems with editor ranges, as it does while someone types.

/** One handler per rule's finding: a stored socket never removed, a timeout that does not end, no 'error' listener. */
function leakyUnit(i, typed) {
  const socketType = typed ? ': net.Socket' : '';
  const chunkType = typed ? ': Buffer' : '';
  return `
const leaky${i}${typed ? ': Set<net.Socket>' : ''} = new Set();
const leakyServer${i} = net.createServer((socket${socketType}) => {
  leaky${i}.add(socket);
  socket.setTimeout(5000);
  socket.on('timeout', () => console.log('idle ${i}'));
  socket.on('data', (chunk${chunkType}) => socket.write(chunk));
});
leakyServer${i}.on('error', () => {});
`;
}

function typedUnit(i) {
  return `
interface ConnectionRecord${i} {
  id: number;
  socket: net.Socket;
  since: number;
}

let nextId${i} = 0;
const sockets${i} = new Set<net.Socket>();
const byId${i} = new Map<number, ConnectionRecord${i}>();
export const server${i}: net.Server = net.createServer((socket: net.Socket): void => {
  const id: number = nextId${i}++;
  sockets${i}.add(socket);
  byId${i}.set(id, { id, socket, since: Date.now() });
  socket.setTimeout(30_000);
  socket.on('timeout', () => socket.destroy());
  socket.on('error', (error: Error) => console.error('socket ${i}', error.message));
  socket.on('data', (chunk: Buffer) => {
    if (chunk.length > 1024) socket.end('too long');
  });
  socket.on('close', () => {
    sockets${i}.delete(socket);
    byId${i}.delete(id);
  });
});
server${i}.on('error', (error: Error) => console.error('server ${i}', error.message));

export class Pool${i} {
  private readonly idle: net.Socket[] = [];

  constructor(private readonly host: string = '127.0.0.1') {}

  open(port: number): net.Socket {
    const client = net.connect(port, this.host);
    client.on('error', () => this.drop(client));
    client.on('close', () => this.drop(client));
    this.idle.push(client);
    return client;
  }

  private drop(client: net.Socket): void {
    const index = this.idle.indexOf(client);
    if (index !== -1) this.idle.splice(index, 1);
  }
}

export function fetchStatus${i}(port: number): http.ClientRequest {
  const request = http.get({ host: '127.0.0.1', port, path: '/status', timeout: 1000 });
  request.on('timeout', () => request.destroy());
  request.on('error', (): void => {});
  return request;
}
`;
}

const TYPED_HEADER = `import * as http from 'node:http';
import * as net from 'node:net';
`;

const LEAKY_EVERY = 10; // one leaky handler per 10 units

function lineCount(text) {
  return text.split('\n').length - 1;
}

/** Pads whole units with blank lines to exactly `lines` lines (fewer than one unit's worth). */
function padTo(text, lines) {
  const missing = lines - lineCount(text);
  if (missing < 0) throw new Error(`fixture has ${lineCount(text)} lines, more than ${lines}`);
  return text + '\n'.repeat(missing);
}

/** `lines` lines of CommonJS socket code: generateSocketCode's units followed by leaky handlers. */
export function javascriptFixture(generateSocketCode, lines = 2000) {
  const leaks = [];
  for (let i = 0; i < Math.floor(lines / (LEAKY_EVERY * 40)); i += 1) leaks.push(leakyUnit(i, false));
  const leakText = leaks.join('');
  let target = lines - lineCount(leakText);
  let body = generateSocketCode(target);
  while (lineCount(body) + lineCount(leakText) > lines) body = generateSocketCode((target -= 10));
  return padTo(body + leakText, lines);
}

/** `lines` lines of TypeScript socket code (ES module syntax, type annotations, interfaces, parameter properties). */
export function typescriptFixture(lines = 2000) {
  let text = TYPED_HEADER;
  for (let i = 0; ; i += 1) {
    const part = i % LEAKY_EVERY === LEAKY_EVERY - 1 ? leakyUnit(i, true) : typedUnit(i);
    if (lineCount(text) + lineCount(part) > lines) break;
    text += part;
  }
  return padTo(text, lines);
}

function plainUnit(i) {
  return `
/** Totals of order batch ${i}, with the discount rules of that batch. */
function totals${i}(orders, rates) {
  const result = { count: 0, sum: 0, discounted: 0 };
  for (const order of orders) {
    if (order.cancelled) continue;
    const rate = rates.get(order.customer) ?? 0;
    result.count += 1;
    result.sum += order.amount;
    result.discounted += order.amount * (1 - rate);
  }
  return result;
}

class Ledger${i} {
  constructor(name) {
    this.name = name;
    this.entries = [];
  }

  add(entry) {
    this.entries.push({ ...entry, at: Date.now() });
    return this;
  }

  balance() {
    return this.entries.reduce((sum, entry) => sum + entry.amount, 0);
  }
}

module.exports.totals${i} = totals${i};
module.exports.Ledger${i} = Ledger${i};
`;
}

/** `lines` lines of ordinary CommonJS code that names no socket API: the file the cheap text check skips. */
export function plainFixture(lines = 2000) {
  let text = "'use strict';\n";
  for (let i = 0; ; i += 1) {
    const part = plainUnit(i);
    if (lineCount(text) + lineCount(part) > lines) break;
    text += part;
  }
  return padTo(text, lines);
}
