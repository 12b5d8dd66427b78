// Class 6 of issue 10: timeouts armed in every spelling whose 'timeout' nobody acts on. A handler that only
// tells its caller (a received callback, resolve/reject, a retry) leaves the request or socket open.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/timeout-ends-socket.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { replaceLine } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const grace = (target: string, indent: string): string[] => [
  `${indent}setTimeout(() => {`,
  `${indent}  if (!${target}.destroyed) ${target}.destroy();`,
  `${indent}}, 5000).unref();`,
];

/** Both suggestions for a block-bodied handler whose closing line is `closing` (1-based), closing `target`. */
function closeSuggestions(code: string, closing: number, target: string, indent: string) {
  const last = code.split('\n')[closing - 1] ?? '';
  return [
    { messageId: 'destroySocket' as const, output: replaceLine(code, closing, [`${indent}${target}.destroy();`, last]) },
    {
      messageId: 'endThenDestroy' as const,
      output: replaceLine(code, closing, [`${indent}${target}.end();`, ...grace(target, indent), last]),
    },
  ];
}

const callsBackOnly = `
import net from 'net';
export function open(port, callback) {
  const socket = net.connect(port);
  socket.setTimeout(1000, () => {
    callback(new Error('timeout'));
  });
  return socket;
}`;

const rejectsOnly = `
import http from 'node:http';
export function fetchStatus(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => resolve(res.statusCode));
    req.on('error', reject);
    req.setTimeout(5000, () => {
      reject(new Error('timed out'));
    });
  });
}`;

const twoOrigins = `
import http from 'node:http';
import https from 'node:https';
function request(options, callback) {
  if (options.protocol === 'https:') return https.request(options, callback);
  return http.request(options, callback);
}
export function get(options, callback) {
  const req = request(options, (res) => callback(null, res));
  req.on('error', callback);
  req.on('timeout', () => {
    console.warn('timed out');
  });
  req.setTimeout(1000);
  req.end();
}`;

const retriesOnly = `
import http from 'node:http';
export class Pool {
  send(options, callback) {
    const req = http.request(options, (res) => callback(null, res));
    req.on('error', callback);
    req.on('timeout', () => {
      this.retry(options, callback);
    });
    req.setTimeout(1000);
    req.end(options.body);
  }
  retry(options, callback) {
    if (options.retries-- > 0) return this.send(options, callback);
    callback(new Error('timed out'));
  }
}`;

const emitsErrorOnItself = (onError: string): string => `
import http from 'node:http';
export function get(url, callback) {
  const req = http.get(url, (res) => callback(null, res));
  req.on('error', ${onError});
  req.setTimeout(1000, () => {
    req.emit('error', new Error('timeout'));
  });
}`;

const valid: Valid[] = js<Valid>([
  {
    name: "emits 'error' on the request, whose 'error' listener destroys it",
    code: emitsErrorOnItself('(err) => {\n    req.destroy();\n    callback(err);\n  }'),
  },
  {
    name: "re-emits on another emitter (this of the class): a hand-off, trusted",
    code: `
import { EventEmitter } from 'node:events';
import http from 'node:http';
export class Poller extends EventEmitter {
  poll(url) {
    const req = http.get(url, (res) => this.emit('response', res));
    req.on('error', (err) => this.emit('error', err));
    req.setTimeout(1000, () => {
      this.emit('error', new Error('timeout'));
    });
  }
}`,
  },
  {
    name: 'a retry after aborting the timed-out request',
    code: replaceLine(retriesOnly, 8, ['      req.abort();', '      this.retry(options, callback);']),
  },
  {
    name: 'destroys the request, then calls back',
    code: `
import http from 'node:http';
export function get(url, callback) {
  const req = http.get(url, (res) => callback(null, res));
  req.on('error', callback);
  req.setTimeout(5000, () => {
    req.destroy();
    callback(new Error('timeout'));
  });
}`,
  },
  {
    name: 'the callback receives the socket itself: handed off (trusted)',
    code: `
import net from 'net';
export function open(port, callback) {
  const socket = net.connect(port);
  socket.setTimeout(1000, () => callback(new Error('timeout'), socket));
}`,
  },
  {
    name: 'a bound callback that receives the socket: handed off (trusted)',
    code: `
import net from 'net';
export function open(port, onIdle) {
  const socket = net.connect(port);
  socket.setTimeout(1000, onIdle.bind(null, socket));
}`,
  },
  {
    name: 'a handler wrapped in once() that aborts',
    code: `
import http from 'node:http';
import once from 'once';
export function get(url, callback) {
  const req = http.get(url, (res) => callback(null, res));
  req.on('error', callback);
  req.on('timeout', once(() => {
    req.abort();
    callback(new Error('timeout'));
  }));
  req.setTimeout(5000);
}`,
  },
  {
    name: 'a once()-wrapped function kept in a variable, called through .call',
    code: `
import http from 'node:http';
import once from 'once';
export function ping(url) {
  return new Promise((resolve) => {
    const req = http.get(url, () => resolve(true));
    const fail = once(() => {
      req.destroy();
      resolve(false);
    });
    req.setTimeout(1000, () => fail.call(fail));
    req.on('error', fail);
  });
}`,
  },
  {
    name: "the caller's own handler, on a socket the caller also gets back: trusted like a hand-off",
    code: `
import net from 'net';
export function connect(port, onTimeout) {
  const socket = net.connect(port);
  socket.setTimeout(1000, onTimeout);
  return socket;
}`,
  },
  {
    name: 'an inherited method of the owner (this.onTimeout, defined elsewhere) is trusted',
    code: `
import net from 'net';
import { Base } from './base.js';
export class Client extends Base {
  connect() {
    this.socket = net.connect(80);
    this.socket.setTimeout(1000, () => this.onTimeout());
  }
}`,
  },
]);

const emitsOnly = emitsErrorOnItself('(err) => callback(err)');

const invalid: Invalid[] = js<Invalid>([
  {
    // emitting 'error' by hand does not destroy the request: its own 'error' listener only calls back
    name: "emits 'error' on the request itself, whose listener only calls back",
    code: emitsOnly,
    errors: [{ messageId: 'handlerNeverEnds', line: 6, column: 24, suggestions: closeSuggestions(emitsOnly, 8, 'req', '    ') }],
  },
  {
    // the retry ends its own new request (req.end() sends it): that closes nothing of this one
    name: 'a handler that only retries',
    code: retriesOnly,
    errors: [{ messageId: 'handlerNeverEnds', line: 7, column: 23, suggestions: closeSuggestions(retriesOnly, 9, 'req', '      ') }],
  },
  {
    // was valid: calling the caller back tells it about the timeout but closes nothing
    name: 'the handler only calls back the callback it received',
    code: callsBackOnly,
    errors: [
      { messageId: 'handlerNeverEnds', line: 5, column: 27, suggestions: closeSuggestions(callsBackOnly, 7, 'socket', '    ') },
    ],
  },
  {
    name: 'the handler only rejects the promise',
    code: rejectsOnly,
    errors: [{ messageId: 'handlerNeverEnds', line: 7, column: 26, suggestions: closeSuggestions(rejectsOnly, 9, 'req', '      ') }],
  },
  {
    name: "reject itself as the 'timeout' listener",
    code: `
import http from 'node:http';
export function fetchStatus(url) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: url, timeout: 5000 }, (res) => resolve(res.statusCode));
    req.on('error', reject);
    req.on('timeout', reject);
  });
}`,
    errors: [{ messageId: 'handlerNeverEnds', line: 7, column: 23, suggestions: [] }],
  },
  {
    name: 'a bare callback as the handler, the socket kept to the function: called back with nothing',
    code: `
import http from 'node:http';
export function get(url, callback) {
  const req = http.get(url, (res) => callback(null, res));
  req.on('error', callback);
  req.setTimeout(1000, callback);
}`,
    errors: [{ messageId: 'handlerNeverEnds', line: 6, column: 24, suggestions: [] }],
  },
  {
    name: 'a received callback wrapped in once()',
    code: `
import http from 'node:http';
import once from 'once';
export function get(url, callback) {
  const req = http.get(url, (res) => callback(null, res));
  req.on('error', callback);
  req.setTimeout(1000, once(callback.bind(null, new Error('timeout'))));
}`,
    errors: [{ messageId: 'handlerNeverEnds', line: 7, column: 24, suggestions: [] }],
  },
  {
    name: 'reject as the handler settles a promise even when the request is handed on',
    code: `
import http from 'node:http';
import { track } from './tracker.js';
export function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, resolve);
    track(req);
    req.on('error', reject);
    req.setTimeout(1000, reject);
  });
}`,
    errors: [{ messageId: 'handlerNeverEnds', line: 9, column: 26, suggestions: [] }],
  },
  {
    name: 'a received callback bound to an error (the connect timeout of amqplib)',
    code: `
const net = require('net');
function connect(port, openCallback) {
  const sock = net.connect(port);
  sock.setTimeout(5000, openCallback.bind(this, new Error('connect ETIMEDOUT')));
  sock.on('error', openCallback);
}
module.exports = connect;`,
    errors: [{ messageId: 'handlerNeverEnds', line: 5, column: 25, suggestions: [] }],
  },
  {
    name: 'a once()-wrapped handler that only calls back',
    code: `
import http from 'node:http';
import once from 'once';
export function get(url, callback) {
  const req = http.get({ host: url, timeout: 5000 }, (res) => callback(null, res));
  req.on('error', callback);
  req.on('timeout', once(() => {
    callback(new Error('timeout'));
  }));
}`,
    errors: [{ messageId: 'handlerNeverEnds', line: 7, column: 21, suggestions: [] }],
  },
  {
    name: 'one request reached from two origins (http or https) is reported once',
    code: twoOrigins,
    errors: [{ messageId: 'handlerNeverEnds', line: 11, column: 21, suggestions: closeSuggestions(twoOrigins, 13, 'req', '    ') }],
  },
]);

runRuleTests(RULE_NAME, rule, { valid, invalid });
