// Issue 10, class 4 (analysis/lateResolves.ts): a socket created and resolved from a promise inside a
// `process.nextTick`, `setImmediate` or `setTimeout` callback reaches its receiver after the errors Node emits
// on the next tick (a connection that fails at once): `recommended` reports it although it is handed off.
// A resolve that may run inside a microtask (in the executor itself, `queueMicrotask`), a nextTick that is
// not Node's, or a socket also handed to a callback of the caller keep the hand-off exemption.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const listener = (target: string, body: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  ${body}`,
  `${indent}});`,
];

const inNextTick = `
const net = require('net');
class Connector {
  connect(options) {
    return new Promise((resolve, reject) => {
      process.nextTick(() => {
        if (!this.connecting) return reject(new Error('closed'));
        this.stream = net.createConnection(options);
        resolve(this.stream);
      });
    });
  }
}
module.exports = Connector;`;

const createdBefore = `
const net = require('net');
exports.connect = function (options) {
  const socket = net.connect(options);
  return new Promise((resolve) => {
    setTimeout(() => resolve(socket), 10);
  });
};`;

const inSetImmediate = `
const http = require('http');
exports.send = function (options) {
  return new Promise(function (resolve) {
    setImmediate(function () {
      const req = http.request(options);
      resolve(req);
    });
  });
};`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: 'resolved in the executor itself: an async caller that awaits it listens before the next tick',
      code: `
const net = require('net');
exports.connect = function (options) {
  return new Promise((resolve) => {
    const socket = net.connect(options);
    resolve(socket);
  });
};`,
    },
    {
      name: 'resolved in a queueMicrotask callback: promise reactions run in the same microtask checkpoint',
      code: `
const net = require('net');
exports.connect = function (options) {
  return new Promise((resolve) => {
    queueMicrotask(() => resolve(net.connect(options)));
  });
};`,
    },
    {
      name: "resolved in a nextTick callback with the socket's own 'error' listener added first",
      code: `
const net = require('net');
exports.connect = function (options) {
  return new Promise((resolve, reject) => {
    process.nextTick(() => {
      const socket = net.connect(options);
      socket.once('error', reject);
      resolve(socket);
    });
  });
};`,
    },
    {
      name: "also passed to the caller's callback in the same tick: that receiver may listen in time",
      code: `
const net = require('net');
exports.connect = function (options, onSocket) {
  return new Promise((resolve) => {
    process.nextTick(() => {
      const socket = net.connect(options);
      onSocket(socket);
      resolve(socket);
    });
  });
};`,
    },
    {
      name: 'a nextTick of the file\'s own, not Node\'s: nothing is known of when it runs',
      code: `
const net = require('net');
const process = require('./scheduler');
exports.connect = function (options) {
  return new Promise((resolve) => {
    process.nextTick(() => resolve(net.connect(options)));
  });
};`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: 'created and resolved in a process.nextTick callback (ioredis 2f9928b)',
      code: inNextTick,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 8,
          column: 23,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(
                inNextTick,
                8,
                listener('this.stream', "console.error('socket error from', this.stream.remoteAddress, error);", '        '),
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'a client request created and resolved in a setImmediate callback',
      code: inSetImmediate,
      errors: [
        {
          messageId: 'requestWithoutErrorListener',
          line: 6,
          column: 19,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(inSetImmediate, 6, listener('req', "console.error('request failed:', error);", '      ')),
            },
          ],
        },
      ],
    },
    {
      name: 'created before a timer callback that resolves it: the first errors come before the resolve itself',
      code: createdBefore,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 18,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(
                createdBefore,
                4,
                listener('socket', "console.error('socket error from', socket.remoteAddress, error);", '  '),
              ),
            },
          ],
        },
      ],
    },
  ]),
});
