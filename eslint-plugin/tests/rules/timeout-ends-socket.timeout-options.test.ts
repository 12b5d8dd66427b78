// Class 6 of issue 10: a `timeout` option arms the timer wherever the options object is built (a variable,
// a merge, a field set in the constructor), and `setTimeout(ms)` on a socket kept in a field arms it too.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/timeout-ends-socket.js';
import { js, runRuleTests, ts, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { insertLines } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const destroyLine = (name: string, indent: string, subject = 'request'): string =>
  `${indent}${name}.on('timeout', () => ${name}.destroy(new Error('${subject} timed out')));`;

/** A request (or socket) kept in `name` at line `line`: the suggestion adds a destroying listener below its statement. */
function missingListener(
  code: string,
  line: number,
  column: number,
  indent: string,
  { name = 'req', subject = 'request', after = line } = {},
): Invalid['errors'][number] {
  return {
    messageId: 'timeoutWithoutHandler',
    data: { subject },
    line,
    column,
    suggestions: [
      {
        messageId: 'addTimeoutListener',
        data: { subject },
        output: insertLines(code, after, [destroyLine(name, indent, subject)]),
      },
    ],
  };
}

const optionsVariable = `
import http from 'node:http';
export function check(host, callback) {
  const options = { host, path: '/health', timeout: 5000 };
  const req = http.request(options, (res) => callback(null, res.statusCode));
  req.on('error', callback);
  req.end();
}`;

const mergedOptions = `
import https from 'node:https';
export function get(url, defaults, callback) {
  const options = Object.assign({}, defaults, { timeout: 5000 });
  const req = https.get(url, options, (res) => callback(null, res));
  req.on('error', callback);
}`;

const optionSetLater = `
import http from 'node:http';
export function get(host, callback) {
  const options = { host };
  options.timeout = 5000;
  const req = http.get(options, (res) => callback(null, res));
  req.on('error', callback);
}`;

const spreadDefaults = `
import http from 'node:http';
const DEFAULTS = { port: 8086, timeout: 10000 };
export function query(host, callback) {
  const req = http.get({ ...DEFAULTS, host }, (res) => callback(null, res));
  req.on('error', callback);
}`;

const defaultsField = `
import { request, type RequestOptions } from 'node:https';
const TIMEOUT = 10_000;
export class Client {
  defaults: RequestOptions;
  constructor(defaults?: RequestOptions) {
    this.defaults = Object.assign({ timeout: TIMEOUT }, defaults);
  }
  send(path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const options = Object.assign({}, this.defaults, { path });
      const req = request(options, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
  }
}`;

const connectOption = `
const net = require('node:net');
function probe(port, host, callback) {
  const socket = net.connect({ port, host, timeout: 2000 }, () => {
    socket.end();
    callback(null, true);
  });
  socket.on('error', () => callback(null, false));
}
module.exports = probe;`;

const valid: Valid[] = [
  ...js<Valid>([
    {
      name: 'options in a variable, with a listener that destroys',
      code: insertLines(optionsVariable, 5, [destroyLine('req', '  ')]),
    },
    {
      name: 'options in a variable without a timeout',
      code: `
import http from 'node:http';
export function check(host, callback) {
  const options = Object.assign({ host }, { path: '/health' });
  const req = http.request(options, (res) => callback(null, res.statusCode));
  req.on('error', callback);
  req.end();
}`,
    },
    {
      name: 'timeout: 0 leaves the timer off',
      code: `
import http from 'node:http';
const options = { host: 'example.com', timeout: 0 };
export const req = http.get(options);`,
    },
    {
      name: 'options received from the caller: unknown, not reported',
      code: `
import http from 'node:http';
export function get(options, callback) {
  const req = http.get(options, (res) => callback(null, res));
  req.on('error', callback);
}`,
    },
    {
      name: 'net.connect({ timeout }) with a listener that destroys',
      code: insertLines(connectOption, 7, [destroyLine('socket', '  ', 'socket')]),
    },
    {
      name: 'tls.connect({ timeout }) with a setTimeout handler',
      code: `
import tls from 'node:tls';
export function open(host) {
  const socket = tls.connect({ host, port: 443, timeout: 5000 });
  socket.setTimeout(5000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  return socket;
}`,
    },
    {
      name: 'the net.Socket constructor takes no timeout option: nothing armed',
      code: `
import net from 'node:net';
const socket = new net.Socket({ timeout: 5000 });
socket.on('error', () => socket.destroy());
socket.connect(80, 'example.com');`,
    },
    {
      name: 'a socket kept in a field, its timeout handled in another method',
      code: `
import net from 'node:net';
export class Connection {
  constructor(port) {
    this.conn = net.connect(port);
    this.conn.on('error', () => this.conn.destroy());
    this.conn.on('timeout', () => this.conn.destroy());
  }
  idle(ms) {
    this.conn.setTimeout(ms);
  }
}`,
    },
  ]),
];

const invalid: Invalid[] = [
  ...js<Invalid>([
    {
      name: 'options object held in a variable',
      code: optionsVariable,
      errors: [missingListener(optionsVariable, 5, 15, '  ')],
    },
    {
      name: 'options merged with Object.assign',
      code: mergedOptions,
      errors: [missingListener(mergedOptions, 5, 15, '  ')],
    },
    {
      name: 'options.timeout set after the object is built',
      code: optionSetLater,
      errors: [missingListener(optionSetLater, 6, 15, '  ')],
    },
    {
      name: 'defaults spread into the options',
      code: spreadDefaults,
      errors: [missingListener(spreadDefaults, 5, 15, '  ')],
    },
    {
      name: 'net.connect({ timeout }) without a listener',
      code: connectOption,
      errors: [missingListener(connectOption, 4, 18, '  ', { name: 'socket', subject: 'socket', after: 7 })],
    },
    {
      name: 'setTimeout(ms) on a socket kept in a field, nothing listens',
      code: `
import net from 'node:net';
export class Connection {
  constructor(port) {
    this.conn = net.connect(port);
    this.conn.on('error', () => this.conn.destroy());
  }
  idle(ms) {
    this.conn.setTimeout(ms);
  }
}`,
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          data: { subject: 'socket' },
          line: 9,
          column: 5,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              data: { subject: 'socket' },
              output: `
import net from 'node:net';
export class Connection {
  constructor(port) {
    this.conn = net.connect(port);
    this.conn.on('error', () => this.conn.destroy());
  }
  idle(ms) {
    this.conn.setTimeout(ms, () => this.conn.destroy());
  }
}`,
            },
          ],
        },
      ],
    },
  ]),
  ...ts<Invalid>([
    {
      name: 'defaults with a timeout kept in a field by the constructor (customerio-node)',
      code: defaultsField,
      errors: [missingListener(defaultsField, 12, 19, '      ')],
    },
  ]),
];

runRuleTests(RULE_NAME, rule, { valid, invalid });
