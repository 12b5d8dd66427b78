// Issue 10, class 4: leaving the function is not handling. A socket, server or request that the file wires
// up itself (its data, close, requests or response) and then returns, resolves, passes to a callback or to
// a constructor is still the file's: its missing 'error' listener is the file's bug. Sockets the file does
// not wire up at all keep the hand-off exemption (see also the class 4 cases in require-error-listener.test.ts).
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

const requestWithResponse = `
const https = require('https');
function Api(key) { this.key = key; }
Api.prototype.request = function (path, cb) {
  const info = {};
  const req = https.request({ host: 'api.example.com', path });
  req.on('response', (res) => {
    info.status = res.statusCode;
    res.resume();
    cb(null, info);
  });
  info.req = req;
  return req;
};
module.exports = Api;`;

const wiredElsewhere = `
const http = require('http');
const { Sender } = require('./sender');
function Client(url) {
  const self = this;
  const req = http.get(url);
  req.on('error', (error) => self.emit('error', error));
  req.on('upgrade', (res, socket) => {
    attach.call(self, socket);
  });
}
function attach(socket) {
  this.socket = socket;
  socket.on('data', (chunk) => this.emit('message', chunk));
  socket.on('close', () => this.emit('close'));
  this.sender = new Sender(socket);
}
module.exports = Client;`;

// a factory kept on the prototype and called through it (Node's own http Agent keeps net.createConnection so)
const pooledAgent = `
const net = require('net');
function Agent(options) { this.options = options; this.sockets = []; }
Agent.prototype.createConnection = net.createConnection;
Agent.prototype.createSocket = function (options) {
  const self = this;
  const socket = self.createConnection(options);
  this.sockets.push(socket);
  socket.on('close', () => self.removeSocket(socket));
  return socket;
};
Agent.prototype.removeSocket = function (socket) {
  this.sockets.splice(this.sockets.indexOf(socket), 1);
};
module.exports = Agent;`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "a request whose 'response' listener is not in the file is the caller's to wire",
      code: `
const https = require('https');
const { onResponse } = require('./response');
exports.get = function (path) {
  const req = https.request({ host: 'api.example.com', path });
  req.on('response', onResponse);
  return req;
};`,
    },
    {
      name: "a server only created and listened on, then returned, is the caller's to wire",
      code: `
const http = require('http');
exports.start = function (app, port) {
  const server = http.createServer(app);
  server.listen(port);
  return server;
};`,
    },
    {
      name: "a socket the file wires up and gives an 'error' listener, then hands to a constructor",
      code: `
const net = require('net');
const { Sender } = require('./sender');
exports.open = function (port) {
  const socket = net.connect(port);
  socket.on('data', (chunk) => console.log(chunk.length));
  socket.on('error', () => socket.destroy());
  return new Sender(socket);
};`,
    },
    {
      name: "a factory kept on the prototype, its socket given an 'error' listener",
      code: pooledAgent.replace("  socket.on('close'", "  socket.on('error', () => socket.destroy());\n  socket.on('close'"),
    },
    {
      name: 'a factory kept on the prototype, its socket only built and returned',
      code: `
const net = require('net');
function Agent() {}
Agent.prototype.createConnection = net.createConnection;
Agent.prototype.connect = function (options) {
  return this.createConnection(options);
};
module.exports = Agent;`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "a factory kept on the prototype: its socket is wired with 'close', stored and returned, no 'error' listener",
      code: pooledAgent,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 7,
          column: 18,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(
                pooledAgent,
                7,
                listener('socket', "console.error('socket error from', socket.remoteAddress, error);", '  '),
              ),
            },
          ],
        },
      ],
    },
    {
      name: "a request wired with 'response' and returned, its record passed to a callback: no 'error' listener",
      code: requestWithResponse,
      errors: [
        {
          messageId: 'requestWithoutErrorListener',
          line: 6,
          column: 15,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(requestWithResponse, 6, listener('req', "console.error('request failed:', error);", '  ')),
            },
          ],
        },
      ],
    },
    {
      name: "a taken-over socket wired with 'data'/'close' in a function of the file, then handed to a constructor",
      code: wiredElsewhere,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 8,
          column: 27,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(
                wiredElsewhere,
                8,
                listener('socket', "console.error('socket error from', socket.remoteAddress, error);", '    '),
              ),
            },
          ],
        },
      ],
    },
  ]),
});
