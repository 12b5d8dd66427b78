// Strict (`trustHandOff: false`) on a socket the creating function offers to a callback of its caller before
// any event can fire (analysis/offeredToCaller.ts): the caller holds it in time to wire it, so resolving a
// promise with it later does not leave it unheard. The same socket offered only late (from a listener), or
// only through a promise, or wired by the file itself, is still reported.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const strict: Options = [{ servers: true, rejectOnceOnly: true, trustHandOff: false }];

const wsError = (name: string) => [`  ${name}.on('error', (error) => {`, "    console.error('WebSocket error:', error);", '  });'];

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "a WebSocket offered to the caller's hook before it opens, then resolved once open",
      code: `
const WebSocket = require('ws');
exports.open = function (url, options = {}) {
  const ws = new WebSocket(url);
  typeof options.onInit === 'function' && options.onInit(ws);
  return new Promise((resolve) => {
    ws.on('open', () => resolve(ws));
  });
};`,
      options: strict,
    },
    {
      name: "a socket passed to the caller's callback right away, then kept in a promise",
      code: `
const net = require('net');
exports.connect = function (port, onSocket) {
  const socket = net.connect(port);
  onSocket(socket);
  return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
};`,
      options: strict,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: 'a WebSocket only resolved from a promise once open: the caller gets it late',
      code: `
const WebSocket = require('ws');
exports.open = function (url) {
  const ws = new WebSocket(url);
  return new Promise((resolve) => {
    ws.on('open', () => resolve(ws));
  });
};`,
      options: strict,
      errors: [
        {
          messageId: 'socketWithoutErrorListener' as const,
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'addErrorListener' as const,
              output: [
                '',
                "const WebSocket = require('ws');",
                'exports.open = function (url) {',
                '  const ws = new WebSocket(url);',
                ...wsError('ws'),
                '  return new Promise((resolve) => {',
                "    ws.on('open', () => resolve(ws));",
                '  });',
                '};',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: "a WebSocket offered to the caller's hook only from its 'open' listener",
      code: `
const WebSocket = require('ws');
exports.open = function (url, options) {
  const ws = new WebSocket(url);
  return new Promise((resolve) => {
    ws.on('open', () => {
      options.onOpen(ws);
      resolve(ws);
    });
  });
};`,
      options: strict,
      errors: [
        {
          messageId: 'socketWithoutErrorListener' as const,
          line: 4,
          column: 14,
          suggestions: [
            {
              messageId: 'addErrorListener' as const,
              output: [
                '',
                "const WebSocket = require('ws');",
                'exports.open = function (url, options) {',
                '  const ws = new WebSocket(url);',
                ...wsError('ws'),
                '  return new Promise((resolve) => {',
                "    ws.on('open', () => {",
                '      options.onOpen(ws);',
                '      resolve(ws);',
                '    });',
                '  });',
                '};',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'a socket offered to the caller right away but read by the file itself',
      code: `
const net = require('net');
exports.connect = function (port, onSocket) {
  const socket = net.connect(port);
  onSocket(socket);
  socket.on('data', (chunk) => process.stdout.write(chunk));
};`,
      options: strict,
      errors: [
        {
          messageId: 'socketWithoutErrorListener' as const,
          line: 4,
          column: 18,
          suggestions: [
            {
              messageId: 'addErrorListener' as const,
              output: `
const net = require('net');
exports.connect = function (port, onSocket) {
  const socket = net.connect(port);
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  onSocket(socket);
  socket.on('data', (chunk) => process.stdout.write(chunk));
};`,
            },
          ],
        },
      ],
    },
  ]),
});
