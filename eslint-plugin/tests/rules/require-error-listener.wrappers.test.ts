// Issue 10, class 1: an object built around a socket is a socket too. A wrapping factory is one row of the
// socket-API table with `wraps` (analysis/socketApis.ts): `ws`'s `createWebSocketStream(ws)` returns a Duplex
// that re-emits the WebSocket's errors, so it needs its own 'error' listener (fastify-websocket 7e8c41a in
// real-bugs/ crashed this way), and it stays in a collection until removed when it or its WebSocket closes.
import removeOnClose, { RULE_NAME as REMOVE_ON_CLOSE } from '../../src/rules/remove-on-close.js';
import requireErrorListener, { RULE_NAME as REQUIRE_ERROR_LISTENER } from '../../src/rules/require-error-listener.js';
import { commonjs, js, runRuleTests } from '../ruleTester.js';
import { insertLines } from '../suggestionOutput.js';

const echo = `
import { WebSocketServer, createWebSocketStream } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', (error) => console.error(error));
wss.on('connection', (ws) => {
  ws.on('error', (error) => console.error(error));
  const duplex = createWebSocketStream(ws);
  duplex.on('data', (chunk) => duplex.write(chunk));
});`;

// fastify-websocket 5.0.0: the stream goes to the route handler, which may not listen for errors
const handedToRoute = `
const WebSocket = require('ws');
module.exports = function handleUpgrade(wss, request, socket, head, callback) {
  wss.handleUpgrade(request, socket, head, (ws) => {
    const connection = WebSocket.createWebSocketStream(ws, { encoding: 'utf8' });
    connection.socket = ws;
    callback(connection);
  });
};`;

const connectionListener = (target: string): string[] => [
  `${target}.on('error', (error) => {`,
  "  console.error('connection error:', error);",
  '});',
];

runRuleTests(REQUIRE_ERROR_LISTENER, requireErrorListener, {
  valid: [
    ...js([
      {
        name: 'a WebSocket stream with an error listener',
        code: `
import { WebSocketServer, createWebSocketStream } from 'ws';
const wss = new WebSocketServer({ port: 8080 });
wss.on('error', (error) => console.error(error));
wss.on('connection', (ws) => {
  ws.on('error', (error) => console.error(error));
  const duplex = createWebSocketStream(ws);
  duplex.on('error', (error) => console.error(error));
  duplex.pipe(duplex);
});`,
      },
      {
        name: "a stream handed to the caller without any wiring is the caller's (recommended trusts the hand-off)",
        code: `
import { createWebSocketStream } from 'ws';
export const asStream = (ws) => createWebSocketStream(ws);`,
      },
      {
        name: 'trap: a plain Duplex of node:stream is no socket',
        code: `
import { Duplex } from 'node:stream';
export function wrap(ws) {
  const duplex = Duplex.from(ws);
  duplex.on('data', (chunk) => console.log(chunk.length));
}`,
      },
    ]),
    ...commonjs([
      {
        // a sure hand-off even in strict (sureHandOffs.ts): built, not wired, and given to the callback the
        // caller passed in. The real fastify-websocket 7e8c41a file also listens on connection.socket
        // ('newListener'), which makes the stream the file's own, so strict still reports it there.
        name: "strict: a WebSocket stream only built and given to the caller's callback",
        code: handedToRoute,
        options: [{ trustHandOff: false }] as [{ trustHandOff: boolean }],
      },
    ]),
  ],
  invalid: [
    ...js([
      {
        name: 'a WebSocket stream wired up with no error listener',
        code: echo,
        errors: [
          {
            messageId: 'socketWithoutErrorListener' as const,
            line: 7,
            column: 18,
            suggestions: [
              {
                messageId: 'addErrorListener' as const,
                output: insertLines(echo, 7, connectionListener('duplex').map((line) => `  ${line}`)),
              },
            ],
          },
        ],
      },
    ]),
  ],
});

const kept = `
import { WebSocketServer, createWebSocketStream } from 'ws';
const streams = new Set();
new WebSocketServer({ port: 8080 }).on('connection', (ws) => {
  const duplex = createWebSocketStream(ws);
  streams.add(duplex);
  duplex.on('error', (error) => console.error(error));
});`;

runRuleTests(REMOVE_ON_CLOSE, removeOnClose, {
  valid: js([
    {
      name: "a WebSocket stream removed on its WebSocket's 'close'",
      code: `
import { WebSocketServer, createWebSocketStream } from 'ws';
const streams = new Set();
new WebSocketServer({ port: 8080 }).on('connection', (ws) => {
  const duplex = createWebSocketStream(ws);
  streams.add(duplex);
  ws.on('close', () => streams.delete(duplex));
});`,
    },
    {
      name: "a WebSocket stream removed on its own 'close'",
      code: `
import { WebSocketServer, createWebSocketStream } from 'ws';
const streams = [];
new WebSocketServer({ port: 8080 }).on('connection', (ws) => {
  const duplex = createWebSocketStream(ws);
  streams.push(duplex);
  duplex.on('close', () => streams.splice(streams.indexOf(duplex), 1));
});`,
    },
  ]),
  invalid: js([
    {
      name: 'a WebSocket stream kept in a Set, never removed',
      code: kept,
      errors: [
        {
          messageId: 'entryNoRemoval' as const,
          data: { collection: 'streams', entry: 'built around it: createWebSocketStream(ws)' },
          line: 6,
          suggestions: [
            {
              messageId: 'removeOnClose' as const,
              output: insertLines(kept, 6, ["  duplex.on('close', () => streams.delete(duplex));"]),
            },
          ],
        },
      ],
    },
  ]),
});
