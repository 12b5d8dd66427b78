// Where the missing 'error' listener of a socket is reported when the file wires the socket up in a function
// it shares with other sockets (analysis/sharedWiring.ts): at that function's parameter, where the fix covers
// every socket it wires (ws adbc68c6 in real-bugs/: establishConnection() wires both the client's upgraded
// socket and the one its server passes in). A wiring function only this socket reaches keeps the report at
// the origin (see `wiredElsewhere` in require-error-listener.hand-off.test.ts).
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const listener = (target: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  console.error('socket error from', ${target}.remoteAddress, error);`,
  `${indent}});`,
];

// ws 0.4: the client's 'upgrade' socket and the server's socket go through the same establishConnection
const sharedByClientAndServer = `
const http = require('http');
function WebSocket(address, socket) {
  if (socket) establishConnection.call(this, socket);
  else initAsClient.call(this, address);
}
function initAsClient(address) {
  const self = this;
  const req = http.get(address);
  req.on('error', (error) => self.emit('error', error));
  req.on('upgrade', (res, socket) => {
    establishConnection.call(self, socket);
  });
}
function establishConnection(socket) {
  this._socket = socket;
  socket.on('data', (chunk) => this.emit('message', chunk));
  socket.on('close', () => this.emit('close'));
}
module.exports = WebSocket;`;

// the same wiring function reached twice, both times by the one socket: nothing else shares it
const reachedTwiceBySameSocket = `
const http = require('http');
exports.open = function (address, secure) {
  const req = http.get(address);
  req.on('error', (error) => console.error(error.message));
  req.on('upgrade', (res, socket) => {
    if (secure) wire(socket, true);
    else wire(socket, false);
  });
};
function wire(socket, secure) {
  socket.on('data', (chunk) => console.log(secure, chunk.length));
  socket.on('end', () => console.log('end'));
}`;

// a class of the file wires every socket it is constructed with, the accepted ones and the dialled ones
const sharedConstructor = `
import http from 'http';
export const accept = (socket) => new Connection(socket);
export function dial(url) {
  const request = http.get(url);
  request.on('error', (error) => console.error(error.message));
  request.on('upgrade', (response, socket) => new Connection(socket));
}
class Connection {
  constructor(socket) {
    socket.on('end', () => socket.end());
  }
}`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "the shared wiring function adds the 'error' listener: every socket it wires is covered",
      code: `
const http = require('http');
exports.fromServer = function (socket) { wire(socket); };
exports.connect = function (address) {
  const req = http.get(address);
  req.on('error', (error) => console.error(error.message));
  req.on('upgrade', (res, socket) => wire(socket));
};
function wire(socket) {
  socket.on('error', (error) => console.error(error.message));
  socket.on('data', (chunk) => console.log(chunk.length));
}`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "a socket wired in a function shared with the server's sockets: reported at that function's parameter",
      code: sharedByClientAndServer,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 15,
          column: 30,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(sharedByClientAndServer, 15, listener('socket', '  ')) }],
        },
      ],
    },
    {
      name: 'a class of the file constructed with other sockets too: reported at its constructor parameter',
      code: sharedConstructor,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 10,
          column: 15,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(sharedConstructor, 10, listener('socket', '    ')) }],
        },
      ],
    },
    {
      name: 'trap: a wiring function only this socket reaches keeps the report at the origin',
      code: reachedTwiceBySameSocket,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 6,
          column: 27,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(reachedTwiceBySameSocket, 6, listener('socket', '    ')) }],
        },
      ],
    },
  ]),
});
