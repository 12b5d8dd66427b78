// Issue 10, class 1: an object built around a socket may be taken out of its collection on one of its own
// events, but only on one that says the object is done (`'close'`, `'disconnect'`, `'sessionEnded'`): an
// event of its business (`'requestResolved'`, `'message'`) may never come for a peer that goes away, and the
// entry stays (WebSocket-Node e60f68d in real-bugs/). The name is read word by word (endingEvents.ts).
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/remove-on-close.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { insertLines } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

/** An upgrade request object kept until an event of the wrapper's make. */
const pendingUntil = (event: string): string => `
import http from 'node:http';
import { WebSocketRequest } from './WebSocketRequest.js';
const pending = [];
http.createServer().on('upgrade', (request, socket, head) => {
  const wsRequest = new WebSocketRequest(socket, request, head);
  pending.push(wsRequest);
  wsRequest.once('${event}', () => pending.splice(pending.indexOf(wsRequest), 1));
});`;

const sessionUntil = (event: string): string => `
import net from 'node:net';
import { Session } from './session.js';
const sessions = new Map();
net.createServer((socket) => {
  const session = new Session(socket);
  sessions.set(session.id, session);
  session.on(${JSON.stringify(event)}, () => sessions.delete(session.id));
});`;

const requestResolved = pendingUntil('requestResolved');
const messageOnly = sessionUntil('message');
// 'end' and 'point' are no words of "endpoint"
const endpointOnly = sessionUntil('endpoint');

// a connection of unknown make ('connection' of an emitter out of sight): its 'login' says nothing of its end
const loggedOutOnly = `
export function track(io, online) {
  io.on('connection', (client) => {
    online.add(client);
    client.on('logout', () => online.delete(client));
  });
}`;

const removeFromPending = (indent: string): string[] => [
  `${indent}socket.on('close', () => {`,
  `${indent}  const index = pending.indexOf(wsRequest);`,
  `${indent}  if (index !== -1) pending.splice(index, 1);`,
  `${indent}});`,
];

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    { name: "the wrapper's own 'close'", code: pendingUntil('close') },
    { name: "the wrapper's 'disconnect'", code: sessionUntil('disconnect') },
    { name: 'an ending event in camelCase (sessionEnded)', code: sessionUntil('sessionEnded') },
    { name: 'an ending event with a prefix (connection:close)', code: sessionUntil('connection:close') },
    { name: 'an ending event in capitals (SOCKET_DESTROYED)', code: sessionUntil('SOCKET_DESTROYED') },
    { name: "the wrapper's 'terminate'", code: sessionUntil('terminate') },
    {
      name: "WebSocket-Node e60f68d, fixed: the request is also resolved on the socket's 'close'",
      code: `
import http from 'node:http';
import { WebSocketRequest } from './WebSocketRequest.js';
const pending = [];
function resolved(wsRequest) {
  const index = pending.indexOf(wsRequest);
  if (index !== -1) pending.splice(index, 1);
}
http.createServer().on('upgrade', (request, socket, head) => {
  const wsRequest = new WebSocketRequest(socket, request, head);
  pending.push(wsRequest);
  wsRequest.once('requestResolved', resolved);
  socket.once('close', () => resolved(wsRequest));
});`,
    },
    {
      name: "a connection of unknown make taken out on socket.io's 'disconnecting'",
      code: `
export function track(io, online) {
  io.on('connection', (client) => {
    online.add(client);
    client.on('disconnecting', () => online.delete(client));
  });
}`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "WebSocket-Node e60f68d: removed only when the request is resolved, which a vanished peer never does",
      code: requestResolved,
      errors: [
        {
          messageId: 'entryNoRemoval',
          data: { collection: 'pending', entry: 'built around it: new WebSocketRequest(socket, request,...' },
          line: 7,
          column: 3,
          suggestions: [{ messageId: 'removeOnClose', data: { collection: 'pending' }, output: insertLines(requestResolved, 7, removeFromPending('  ')) }],
        },
      ],
    },
    {
      name: "removed only on the wrapper's 'message'",
      code: messageOnly,
      errors: [{ messageId: 'entryNoRemoval', line: 7, column: 3, suggestions: [] }],
    },
    {
      name: "trap: 'endpoint' names no end",
      code: endpointOnly,
      errors: [{ messageId: 'entryNoRemoval', line: 7, column: 3, suggestions: [] }],
    },
    {
      name: "a connection of unknown make removed only on its 'logout'",
      code: loggedOutOnly,
      errors: [{ messageId: 'noRemoval', line: 4, column: 5, suggestions: [] }],
    },
  ]),
});
