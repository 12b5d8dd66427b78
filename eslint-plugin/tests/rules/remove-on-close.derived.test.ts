// Issue 10, class 2: what a file keeps for a socket need not be the socket itself. An entry keyed by a value
// read from the socket (`byPort[socket.remotePort] = entry`, a `const key` made of its address and port) or
// made of one (`names.push(socket.remoteAddress)`) was created for that connection and must leave with it.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/remove-on-close.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { insertLines, replaceLine } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const byPortNeverRemoved = `
import net from 'node:net';
const byPort = {};
net.createServer((socket) => {
  byPort[socket.remotePort] = { since: Date.now() };
});`;

const keyedByAddress = `
import net from 'node:net';
const peers = new Map();
net.createServer((socket) => {
  const key = \`\${socket.remoteAddress}:\${socket.remotePort}\`;
  peers.set(key, { since: Date.now() });
});`;

const namesPushed = `
import net from 'node:net';
const addresses = [];
net.createServer((socket) => {
  addresses.push(socket.remoteAddress);
});`;

const removedOnEnd = `
import net from 'node:net';
const peers = new Map();
net.createServer((socket) => {
  const key = socket.remoteAddress + ':' + socket.remotePort;
  peers.set(key, { since: Date.now() });
  socket.on('end', () => peers.delete(key));
});`;

const valid: Valid[] = js<Valid>([
  {
    // Node caches the peer's address when it is first read, so the store's own read keeps
    // `socket.remotePort` defined in 'close', even after a reset (checked on Node 20 with a loopback socket)
    name: "trap: `delete byPort[socket.remotePort]` in 'close' finds the entry (remotePort still set there)",
    code: `
import net from 'node:net';
const byPort = {};
net.createServer((socket) => {
  byPort[socket.remotePort] = { since: Date.now() };
  socket.on('close', () => { delete byPort[socket.remotePort]; });
});`,
  },
  {
    name: "an entry keyed by a const made of the socket's address, removed on close",
    code: `
import net from 'node:net';
const peers = new Map();
net.createServer((socket) => {
  const key = \`\${socket.remoteAddress}:\${socket.remotePort}\`;
  peers.set(key, { since: Date.now() });
  socket.on('close', () => peers.delete(key));
});`,
  },
  {
    name: 'values read from the socket into an array re-filtered on close',
    code: `
import net from 'node:net';
let addresses = [];
net.createServer((socket) => {
  addresses.push(socket.remoteAddress);
  socket.on('close', () => { addresses = addresses.filter((address) => address !== socket.remoteAddress); });
});`,
  },
  {
    name: 'trap: parts of a log line in an array made where it is filled',
    code: `
import net from 'node:net';
net.createServer((socket) => {
  socket.on('data', () => {
    const parts = [];
    parts.push(socket.remoteAddress, String(socket.remotePort));
    console.log(parts.join(':'));
  });
});`,
  },
  {
    name: 'trap: a field set from the socket is no collection entry',
    code: `
import net from 'node:net';
class Connection {
  constructor(socket) {
    this.remote = socket.remoteAddress;
    this.socket = socket;
    socket.on('close', () => { this.socket = null; });
  }
}
net.createServer((socket) => new Connection(socket));`,
  },
  {
    name: 'trap: a value set under a key not taken from the socket is overwritten, not grown',
    code: `
import net from 'node:net';
const stats = new Map();
net.createServer((socket) => {
  socket.on('data', () => stats.set('lastPeer', socket.remoteAddress));
});`,
  },
  {
    // fastify-websocket keeps the upgraded socket on the request for its router: one field per request
    name: 'trap: a socket kept on the request under a Symbol const is a field of the request, not a collection entry',
    code: `
import http from 'node:http';
const kWs = Symbol('ws-socket');
const kHead = Symbol.for('ws-head');
const server = http.createServer();
server.on('upgrade', (rawRequest, socket, head) => {
  rawRequest[kWs] = socket;
  rawRequest[kHead] = head;
  server.emit('request', rawRequest);
});`,
    options: [{ trustHandOff: false }],
  },
  {
    name: 'trap: a per-host counter keyed by the remote address alone names the host, not this connection',
    code: `
import net from 'node:net';
const hits = {};
const hosts = new Set();
net.createServer((socket) => {
  hits[socket.remoteAddress] = (hits[socket.remoteAddress] || 0) + 1;
  hosts.add(socket.remoteAddress);
});`,
  },
]);

const invalid: Invalid[] = js<Invalid>([
  {
    name: 'an entry under the socket\'s remote port, never removed',
    code: byPortNeverRemoved,
    errors: [
      {
        messageId: 'entryNoRemoval',
        data: { collection: 'byPort', entry: 'keyed by socket.remotePort' },
        line: 5,
        column: 3,
        suggestions: [],
      },
    ],
  },
  {
    name: "a Map entry under a const made of the socket's address",
    code: keyedByAddress,
    errors: [
      {
        messageId: 'entryNoRemoval',
        line: 6,
        suggestions: [
          {
            messageId: 'removeOnClose',
            data: { collection: 'peers' },
            output: insertLines(keyedByAddress, 6, ["  socket.on('close', () => peers.delete(key));"]),
          },
        ],
      },
    ],
  },
  {
    name: 'a socket kept under a key that is no Symbol const is an entry',
    code: `
import http from 'node:http';
const sockets = {};
let nextId = 0;
http.createServer().on('upgrade', (req, socket, head) => {
  sockets[nextId++] = socket;
});`,
    errors: [{ messageId: 'noRemoval', line: 6, suggestions: [] }],
  },
  {
    name: 'addresses pushed, never removed',
    code: namesPushed,
    errors: [{ messageId: 'entryNoRemoval', data: { collection: 'addresses', entry: 'made from socket.remoteAddress' }, line: 5, suggestions: [] }],
  },
  {
    name: "removed only on 'end'",
    code: removedOnEnd,
    errors: [
      {
        messageId: 'entryRemovedOnlyOn',
        data: { collection: 'peers', entry: "keyed by socket.remoteAddress + ':' + socket.r...", event: 'end' },
        line: 6,
        suggestions: [
          { messageId: 'listenOnClose', output: replaceLine(removedOnEnd, 7, ["  socket.on('close', () => peers.delete(key));"]) },
        ],
      },
    ],
  },
]);

runRuleTests(RULE_NAME, rule, { valid, invalid });
