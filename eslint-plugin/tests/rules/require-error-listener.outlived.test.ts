// Issue 10, class 8: a socket that outlives its 'error' listener by the file's own doing. Node destroys a
// socket before it emits its own 'error', so one listener (even once()) hears the only error it ever has;
// the file breaks that when it removes the listener while the socket stays open (cassandra-driver 0ce1de1,
// hapi 5814da3, nodes7 4a0c964 in real-bugs/) or emits 'error' on the socket itself with once() listeners.
// The strict `rejectOnceOnly` option keeps reporting once() on a socket the file keeps reading
// (tcp-base 2e73ec3, localtunnel 9bdb40e), and no longer a connect-phase once().
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines, replaceLine } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const strict: Options = [{ servers: true, rejectOnceOnly: true, trustHandOff: false }];

/** The listener the `addErrorListenerAfterRemoval` suggestion inserts, at an indentation. */
function listener(target: string, body: string, indent: string): string[] {
  return [`${indent}${target}.on('error', (error) => {`, `${indent}  ${body}`, `${indent}});`];
}
const socketLog = (target: string): string => `console.error('socket error from', ${target}.remoteAddress, error);`;

/** One `errorListenerRemoved` report at `line`/`column`, for the removal at `removedAt`, with its suggestion. */
function removed(
  code: string,
  at: { line: number; column: number; removedAt: number; what?: string },
  inserted: string[] | null,
): Invalid['errors'][number] {
  return {
    messageId: 'errorListenerRemoved' as const,
    line: at.line,
    column: at.column,
    data: { what: at.what ?? 'socket', line: String(at.removedAt) },
    suggestions: inserted
      ? [{ messageId: 'addErrorListenerAfterRemoval' as const, output: insertLines(code, at.removedAt, inserted) }]
      : [],
  };
}

const kept = `
import net from 'net';
export function open(port, Queue) {
  const socket = net.connect(port);
  socket.once('error', () => socket.destroy());
  socket.on('connect', () => {
    socket.removeAllListeners('error');
    const queue = new Queue(socket);
    socket.on('data', (chunk) => queue.push(chunk));
  });
}`;

const laterListener = `
import net from 'net';
export class Client {
  open() {
    this.socket = net.connect(9042);
    this.socket.once('error', (error) => this.fail(error));
    this.socket.on('connect', () => this.bind());
  }
  bind() {
    this.socket.removeAllListeners('error');
    this.socket.on('data', (chunk) => this.parse(chunk));
  }
  ready() {
    this.socket.on('error', (error) => this.fail(error));
  }
  fail() {}
  parse() {}
}`;

const finishedRequest = `
import http from 'http';
export function get(url, callback) {
  const req = http.request(url);
  let done = false;
  const finish = (err, res) => {
    if (done) return;
    done = true;
    req.removeAllListeners();
    callback(err, res);
  };
  req.once('error', (err) => finish(err));
  req.once('response', (res) => finish(null, res));
  req.end();
}`;

const earlyReturn = `
import net from 'net';
const socket = net.connect(102);
socket.on('error', onError);
socket.on('data', onReply);
function onReply(data) {
  socket.removeAllListeners('error');
  if (data.length < 4) {
    return;
  }
  socket.on('error', onError);
}
function onError() {}`;

const endedOnly = `
import net from 'net';
export function probe(port, callback) {
  const client = net.connect(port);
  client.once('error', () => callback(false));
  client.once('connect', () => {
    client.removeAllListeners('error');
    client.end();
    callback(true);
  });
}`;

const offAfterConnect = `
import tls from 'tls';
const socket = tls.connect(443, 'example.com');
const onConnectError = (error) => console.error(error.message);
socket.on('error', onConnectError);
socket.on('secureConnect', () => {
  socket.off('error', onConnectError);
  socket.write('hello');
});`;

const twoRemovals = `
import net from 'net';
const socket = net.connect(102);
socket.on('error', () => {});
socket.on('connect', () => socket.removeAllListeners('error'));
socket.on('data', () => {
  socket.removeListener('error', console.error);
});`;

const pooled = `
import net from 'net';
export class Pool {
  constructor() {
    this.free = [];
  }
  open(port) {
    const socket = net.connect(port);
    socket.on('error', (error) => this.drop(socket, error));
    socket.once('connect', () => this.release(socket));
  }
  release(socket) {
    socket.removeAllListeners('error');
    this.free.push(socket);
  }
  drop(socket) {
    socket.destroy();
  }
}`;

const forwarded = `
import net from 'net';
const client = net.connect(4000);
const upstream = net.connect(5000);
client.once('error', (error) => console.error(error.message));
upstream.on('error', (error) => client.emit('error', error));
client.pipe(upstream).pipe(client);`;

const timeoutReemits = `
import net from 'net';
const socket = net.connect(80);
socket.once('error', (error) => console.error(error.message));
socket.setTimeout(5000);
socket.on('timeout', () => socket.emit('error', new Error('idle')));`;

const keptReading = `
import net from 'net';
export class Connection {
  connect(port) {
    const socket = this.socket = net.connect(port);
    socket.on('readable', () => this.read());
    socket.once('error', (error) => this.emit('error', error));
  }
  read() {}
  emit() {}
}`;

const valid: Valid[] = [
  {
    name: 'the listener is added back right after the removal (cassandra-driver after its fix)',
    code: `
import net from 'net';
const socket = net.connect(9042);
socket.once('error', () => {});
socket.on('connect', () => {
  socket.removeAllListeners('error');
  socket.on('error', (error) => console.error(error.message));
});`,
  },
  {
    name: 'removal and a listener added back on every branch',
    code: `
import net from 'net';
const socket = net.connect(9042);
socket.on('error', () => {});
socket.on('data', (data) => {
  socket.removeAllListeners('error');
  if (data.length > 4) {
    socket.on('error', () => {});
  } else {
    socket.destroy();
  }
});`,
  },
  {
    name: "removal in the socket's 'close' listener: a closed socket emits no more errors",
    code: `
import net from 'net';
const socket = net.connect(389);
socket.on('error', () => {});
socket.on('close', () => socket.removeAllListeners());`,
  },
  {
    name: "removal in a method called from the 'close' listener",
    code: `
import net from 'net';
export class Base {
  connect() {
    const socket = this.socket = net.connect(80);
    socket.on('error', (error) => this.onError(error));
    socket.once('close', () => { this.handleClose(); });
  }
  handleClose() {
    this.socket.removeAllListeners();
    this.socket = null;
  }
  onError() {}
}`,
  },
  {
    name: 'removal, end() and destroy() in a clean-up helper (tcp-port-used)',
    code: `
import net from 'net';
export function check(port, done) {
  const client = new net.Socket();
  function cleanUp() {
    client.removeAllListeners('error');
    client.end();
    client.destroy();
  }
  client.once('connect', () => { done(true); cleanUp(); });
  client.once('error', () => { done(false); cleanUp(); });
  client.connect(port);
}`,
  },
  {
    name: 'destroy() first, then the removal',
    code: `
import net from 'net';
const socket = net.connect(102);
socket.on('error', () => {});
export function cleanup() {
  socket.destroy();
  socket.removeAllListeners('error');
}`,
  },
  {
    name: 'removal in a helper that only runs before the socket is handed on or destroyed (socks)',
    code: `
import net from 'net';
import { EventEmitter } from 'events';
export class SocksClient extends EventEmitter {
  connect() {
    this.onError = (error) => this.close(error);
    this.socket = new net.Socket();
    this.socket.once('error', this.onError);
    this.socket.on('data', (data) => this.established(data));
    this.socket.connect(1080);
  }
  removeHandlers() {
    this.socket.removeListener('error', this.onError);
  }
  close() {
    this.socket.destroy();
    this.removeHandlers();
  }
  established() {
    this.removeHandlers();
    this.emit('established', { socket: this.socket });
  }
}`,
  },
  {
    name: "the connect-phase listener is removed and the socket resolved: the caller's listeners count",
    code: `
import net from 'net';
export function open(port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port);
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
  });
}`,
  },
  {
    name: 'a listener callback removes the listener of a socket the function returned (mqtt tls)',
    code: `
import tls from 'tls';
export function buildStream(client, opts) {
  const connection = tls.connect(opts);
  connection.on('secureConnect', () => {
    connection.removeListener('error', handleTLSerrors);
  });
  function handleTLSerrors(error) {
    client.emit('error', error);
    connection.end();
  }
  connection.on('error', handleTLSerrors);
  return connection;
}`,
  },
  {
    name: 'the socket goes to a class of this file whose constructor adds the lasting listener',
    code: `
import net from 'net';
class Connection {
  constructor(socket) {
    this.socket = socket;
    this.socket.on('error', (error) => this.fail(error));
  }
  fail() {}
}
export function open(port, done) {
  const socket = net.connect(port);
  socket.once('error', done);
  socket.on('connect', () => {
    socket.removeListener('error', done);
    const connection = new Connection(socket);
    done(null, connection);
  });
}`,
  },
  {
    name: "a wrapper built around the socket is given away after the early listener's removal (ws 0.4 handleUpgrade)",
    code: `
import http from 'http';
import { Wrapper, verify } from './wrapper';
function handleUpgrade(req, socket, head, cb) {
  const early = () => socket.destroy();
  socket.on('error', early);
  function complete() {
    socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
    const client = new Wrapper([req, socket, head]);
    socket.removeListener('error', early);
    cb(client);
  }
  verify(req, (ok) => {
    if (ok) complete();
    else socket.destroy();
  });
}
export const server = http.createServer();
server.on('error', console.error);
server.on('upgrade', (req, socket, head) => handleUpgrade(req, socket, head, (client) => server.emit('connection', client)));`,
  },
  {
    name: 'STARTTLS: the plain socket is wrapped, the TLS socket gets the listener',
    code: `
import net from 'net';
import tls from 'tls';
export class Mail {
  connect() {
    this.socket = net.connect(25);
    this.socket.on('error', (error) => this.fail(error));
  }
  upgrade() {
    this.socket.removeAllListeners('error');
    this.socket = tls.connect({ socket: this.socket });
    this.socket.on('error', (error) => this.fail(error));
  }
  fail() {}
}`,
  },
  {
    name: "a client request's listener removed once 'upgrade' handed its socket over (websocket client)",
    code: `
import http from 'http';
export function handshake(options, onSocket) {
  const req = http.request(options);
  const onRequestError = (error) => console.error(error.message);
  req.on('upgrade', (response, socket) => {
    req.removeListener('error', onRequestError);
    socket.on('error', () => socket.destroy());
    onSocket(socket);
  });
  req.on('error', onRequestError);
  req.end();
}`,
  },
  {
    name: 'a once() listener added back after the removal hears the one error Node emits',
    code: `
import http from 'http';
export function get(url, callback) {
  const request = http.get(url);
  const onError = (error) => callback(error);
  request.on('error', onError);
  request.on('response', (response) => {
    request.removeListener('error', onError);
    request.once('error', () => {});
    callback(null, response);
  });
}`,
  },
  {
    name: "removal inside the 'error' listener: the socket is being destroyed",
    code: `
import net from 'net';
const socket = net.connect(80);
socket.once('error', (error) => {
  socket.removeAllListeners();
  console.error(error.message);
});`,
  },
  {
    name: "removing other events' listeners is no removal of the 'error' listener",
    code: `
import net from 'net';
const socket = net.connect(80);
socket.on('error', () => {});
socket.on('connect', () => {
  socket.removeAllListeners('data');
  socket.removeListener('close', console.log);
  socket.off('timeout', console.log);
});`,
  },
  {
    name: "emit('error') on a socket with a lasting listener",
    code: `
import net from 'net';
const socket = net.connect(80);
socket.on('error', (error) => console.error(error.message));
socket.setTimeout(5000);
socket.on('timeout', () => socket.emit('error', new Error('idle')));`,
  },
  {
    name: "emit('error') followed by destroy(): no second error can come",
    code: `
import net from 'net';
const socket = net.connect(80);
socket.once('error', (error) => console.error(error.message));
socket.setTimeout(5000);
socket.on('timeout', () => {
  socket.emit('error', new Error('idle'));
  socket.destroy();
});`,
  },
  // rejectOnceOnly, narrowed: a once() listener is outlived only on a socket the file keeps reading
  {
    name: 'rejectOnceOnly: a connect-phase once() on a socket nobody reads (moved from invalid)',
    code: `
import net from 'net';
const s = net.connect(80);
s.once('error', () => {});`,
    options: [{ rejectOnceOnly: true }],
  },
  {
    name: 'strict: once() for the connect phase, then the socket is resolved to the caller (ioredis)',
    code: `
import net from 'net';
export function connect(options) {
  return new Promise((resolve) => {
    const stream = net.createConnection(options);
    stream.once('error', (error) => { stream.firstError = error; });
    resolve(stream);
  });
}`,
    options: strict,
  },
  {
    name: 'strict: the once() handler ends the socket it keeps reading (localtunnel after)',
    code: `
import net from 'net';
const local = net.connect(3000);
local.once('error', () => local.end());
local.on('data', (chunk) => console.log(chunk.length));`,
    options: strict,
  },
  {
    name: 'strict: the once() handler destroys the socket through a method of the class',
    code: `
import net from 'net';
export class Client {
  connect() {
    this.socket = net.connect(1080);
    this.socket.once('error', (error) => this.close(error));
    this.socket.on('data', (data) => this.parse(data));
  }
  close() { this.socket.destroy(); }
  parse() {}
}`,
    options: strict,
  },
];

const invalid: Invalid[] = [
  {
    name: "the connect-phase listener is removed on 'connect', the lasting one only added later (cassandra-driver)",
    code: laterListener,
    errors: [removed(laterListener, { line: 5, column: 19, removedAt: 10 }, listener('this.socket', socketLog('this.socket'), '    '))],
  },
  {
    name: "a client request's listeners are all removed once the callback is due (hapi)",
    code: finishedRequest,
    errors: [
      removed(
        finishedRequest,
        { line: 4, column: 15, removedAt: 9, what: 'client request' },
        listener('req', "console.error('request failed:', error);", '    '),
      ),
    ],
  },
  {
    name: 'removal, then an early return before the listener is added back (nodes7)',
    code: earlyReturn,
    errors: [removed(earlyReturn, { line: 3, column: 16, removedAt: 7 }, listener('socket', socketLog('socket'), '  '))],
  },
  {
    name: 'removal, then only end(): the closing socket can still be reset',
    code: endedOnly,
    errors: [removed(endedOnly, { line: 4, column: 18, removedAt: 7 }, listener('client', socketLog('client'), '    '))],
  },
  {
    name: "off('error', f) once connected, and nothing else listens",
    code: offAfterConnect,
    errors: [removed(offAfterConnect, { line: 3, column: 16, removedAt: 7 }, listener('socket', socketLog('socket'), '  '))],
  },
  {
    name: 'each removal that leaves the socket open is a report (one in an expression body, no suggestion there)',
    code: twoRemovals,
    errors: [
      removed(twoRemovals, { line: 3, column: 16, removedAt: 5 }, null),
      removed(twoRemovals, { line: 3, column: 16, removedAt: 7 }, listener('socket', socketLog('socket'), '  ')),
    ],
  },
  {
    name: 'a wrapper the file keeps does not take the socket away (the file still reads it)',
    code: kept,
    errors: [removed(kept, { line: 4, column: 18, removedAt: 7 }, listener('socket', socketLog('socket'), '    '))],
  },
  {
    name: 'a pooled socket loses its listener when it goes back to the free list',
    code: pooled,
    errors: [removed(pooled, { line: 8, column: 20, removedAt: 13 }, listener('socket', socketLog('socket'), '    '))],
  },
  {
    name: "a wrapper forwards another socket's errors to a socket whose only listener is once()",
    code: forwarded,
    errors: [
      {
        messageId: 'errorReemittedOnOnceListener',
        line: 3,
        column: 16,
        data: { what: 'socket', line: '6' },
        suggestions: [
          {
            messageId: 'keepErrorListener',
            output: replaceLine(forwarded, 5, ["client.on('error', (error) => console.error(error.message));"]),
          },
        ],
      },
    ],
  },
  {
    name: "a 'timeout' listener emits 'error' on a socket whose only listener is once()",
    code: timeoutReemits,
    errors: [
      {
        messageId: 'errorReemittedOnOnceListener',
        line: 3,
        column: 16,
        data: { what: 'socket', line: '6' },
        suggestions: [
          {
            messageId: 'keepErrorListener',
            output: replaceLine(timeoutReemits, 4, ["socket.on('error', (error) => console.error(error.message));"]),
          },
        ],
      },
    ],
  },
  {
    name: 'strict: once() on a socket the file keeps reading, and the handler leaves it open (tcp-base)',
    code: keptReading,
    options: strict,
    errors: [
      {
        messageId: 'onlyOnceErrorListener',
        line: 5,
        column: 34,
        suggestions: [
          {
            messageId: 'keepErrorListener',
            output: replaceLine(keptReading, 7, ["    socket.on('error', (error) => this.emit('error', error));"]),
          },
        ],
      },
    ],
  },
];

runRuleTests(RULE_NAME, rule, { valid: js(valid), invalid: js(invalid) });
