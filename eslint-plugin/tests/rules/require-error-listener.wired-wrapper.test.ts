// Issue 10, class 4 through an object built around the socket (analysis/wrapperWiring.ts): a socket handed to
// `new Client(req, socket, head)` whose client the file then wires up itself ('end', 'close', 'data',
// 'message') and keeps is the file's socket, even in `recommended`, which otherwise trusts the hand-off to a
// constructor out of sight (tiny-lr 303f95c in real-bugs/). A wrapper only built and passed on, or one whose
// own 'error' the file listens for (it forwards the socket's errors), keeps the exemption.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { commonjs, js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const listener = (target: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  console.error('socket error from', ${target}.remoteAddress, error);`,
  `${indent}});`,
];

// tiny-lr 0.2: the 'upgrade' handler, registered by reference, wraps the socket in a Client and keeps it
const liveReload = `
var http = require('http');
var Client = require('./client');
function Server() {
  this.clients = {};
  this.server = http.createServer();
  this.server.on('error', function (error) { console.error(error.message); });
  this.server.on('upgrade', this.websocketify.bind(this));
}
Server.prototype.websocketify = function (req, socket, head) {
  var self = this;
  var client = new Client(req, socket, head);
  this.clients[client.id] = client;
  client.on('end', function () {
    delete self.clients[client.id];
  });
};
module.exports = Server;`;

const sessions = `
import net from 'net';
import { Session } from './session.js';
const live = new Set();
const server = net.createServer((socket) => {
  const session = new Session(socket);
  live.add(session);
  session.on('close', () => live.delete(session));
});
server.on('error', (error) => console.error(error.message));
server.listen(7000);`;

runRuleTests(RULE_NAME, rule, {
  valid: [
    ...js<Valid>([
      {
        name: 'a wrapper only built and emitted is the receiver\'s to wire',
        code: `
import net from 'net';
import { EventEmitter } from 'events';
import { Session } from './session.js';
export const sessions = new EventEmitter();
const server = net.createServer((socket) => sessions.emit('session', new Session(socket)));
server.on('error', (error) => console.error(error.message));`,
      },
      {
        name: "trap: the file listens for the wrapper's 'error': the wrapper forwards the socket's errors",
        code: `
import net from 'net';
import { Connection } from './connection.js';
const connections = new Set();
const server = net.createServer((socket) => {
  const connection = new Connection(socket);
  connections.add(connection);
  connection.on('error', (error) => console.error(error.message));
  connection.on('close', () => connections.delete(connection));
});
server.on('error', (error) => console.error(error.message));`,
      },
      {
        name: 'a wired wrapper around a socket that has its own listener',
        code: `
import net from 'net';
import { Session } from './session.js';
const server = net.createServer((socket) => {
  socket.on('error', (error) => console.error(error.message));
  const session = new Session(socket);
  session.on('end', () => console.log('bye'));
});
server.on('error', (error) => console.error(error.message));`,
      },
    ]),
  ],
  invalid: [
    ...commonjs<Invalid>([
      {
        name: "tiny-lr: the 'upgrade' socket wrapped in a Client the file wires ('end') and keeps",
        code: liveReload,
        errors: [
          {
            messageId: 'socketWithoutErrorListener',
            line: 10,
            column: 48,
            suggestions: [{ messageId: 'addErrorListener', output: insertLines(liveReload, 10, listener('socket', '  ')) }],
          },
        ],
      },
    ]),
    ...js<Invalid>([
      {
        name: "an accepted socket wrapped in a Session the file keeps until its 'close'",
        code: sessions,
        errors: [
          {
            messageId: 'socketWithoutErrorListener',
            line: 5,
            column: 34,
            suggestions: [{ messageId: 'addErrorListener', output: insertLines(sessions, 5, listener('socket', '  ')) }],
          },
        ],
      },
    ]),
  ],
});
