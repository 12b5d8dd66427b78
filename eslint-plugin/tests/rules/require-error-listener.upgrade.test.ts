// Class 7 of issue 10: 'upgrade' / 'connect' handlers registered by reference, the functions of the file they
// pass the socket to, and the takeover libraries' own entry point (`handleUpgrade`). A socket taken over from
// an http server has no 'error' listener at all: every path that writes to it needs one (analysis/unguardedUses.ts).
// Real bugs of this shape: engine.io 391ce0d / da851ec / 425e833, http-mitm-proxy bc5f0e4, primus 898f541 /
// b118b71, ws 0936f2f5 (real-bugs/).
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { commonjs, js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const strict: Options = [{ servers: true, rejectOnceOnly: true, trustHandOff: false }];

const socketListener = (target: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  console.error('socket error from', ${target}.remoteAddress, error);`,
  `${indent}});`,
];
const webSocketListener = (target: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  console.error('WebSocket error:', error);`,
  `${indent}});`,
];

/** An error whose suggestion inserts `lines` after line `after` of `code`. */
function at(
  code: string,
  messageId: MessageIds,
  line: number,
  after: number,
  lines: string[],
): InvalidTestCase<MessageIds, Options>['errors'][number] {
  return { messageId, line, suggestions: [{ messageId: 'addErrorListener' as const, output: insertLines(code, after, lines) }] };
}

// the accepting path is ws's; the rejecting path writes to a socket nobody guards
const rejectHelper = `
import http from 'node:http';
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', onUpgrade);
function onUpgrade(req, socket, head) {
  if (!req.headers.authorization) return reject(socket, 401);
  wss.handleUpgrade(req, socket, head, (ws) => {
    ws.on('error', () => {});
    wss.emit('connection', ws, req);
  });
}
function reject(socket, status) {
  socket.write('HTTP/1.1 ' + status + '\\r\\n\\r\\n');
  socket.destroy();
}`;

// the only 'error' listener is added once the socket has sent its first bytes; the 200 is written before
const laterListener = `
var http = require('http');
function Proxy() {}
Proxy.prototype.listen = function (port) {
  this.server = http.createServer();
  this.server.on('error', function () {});
  this.server.on('connect', this.onConnect.bind(this));
  this.server.listen(port);
};
Proxy.prototype.onConnect = function (req, socket, head) {
  var self = this;
  self.authorize(req, function () {
    socket.once('data', self.onData.bind(self, socket));
    socket.write('HTTP/1.1 200 OK\\r\\n\\r\\n');
  });
};
Proxy.prototype.onData = function (socket, chunk) {
  socket.on('error', function () {});
  socket.pause();
};
module.exports = Proxy;`;

// the helper guards its own path, not the timer's
const timerPath = `
import http from 'node:http';
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', (req, socket, head) => {
  if (req.url === '/live') accept(socket, head);
  else setTimeout(() => socket.end(), 1000);
});
function accept(socket, head) {
  socket.on('error', () => {});
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
}`;

// ws's WebSocket from handleUpgrade, closed by the file on the rejecting branch, kept on req on the other
const upgradedWebSocket = `
var http = require('http');
var WebSocketServer = require('ws').Server;
function Server() {
  this.ws = new WebSocketServer({ noServer: true });
}
Server.prototype.handleUpgrade = function (req, socket, head) {
  var self = this;
  socket.on('error', function () {});
  this.ws.handleUpgrade(req, socket, head, function (conn) {
    self.onWebSocket(req, conn);
  });
};
Server.prototype.onWebSocket = function (req, conn) {
  if (!req.headers.origin) {
    conn.close();
    return;
  }
  req.websocket = conn;
};
module.exports = Server;`;

// a library's own entry point: users call it with their sockets, so it guards them itself
const entryPoint = `
var http = require('http');
function WebSocketServer(server) {
  var self = this;
  server.on('upgrade', function (req, socket, head) {
    self.handleUpgrade(req, socket, head, function (client) { self.emit('connection', client); });
  });
}
WebSocketServer.prototype.handleUpgrade = function (req, socket, head, cb) {
  if (req.headers.upgrade !== 'websocket') return abortConnection(socket, 400);
  completeUpgrade.apply(this, arguments);
};
function completeUpgrade(req, socket, head, cb) {
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
  cb(socket);
}
function abortConnection(socket, code) {
  socket.write('HTTP/1.1 ' + code + '\\r\\n\\r\\n');
  socket.destroy();
}
module.exports = WebSocketServer;`;

// fusing's `Transformer.readable(name, fn)` defines a prototype method
const definedByHelper = `
var fuse = require('fusing');
function Transformer(primus) {
  this.primus = primus;
}
fuse(Transformer, require('eventemitter3'));
Transformer.readable('initialise', function initialise(server) {
  server.on('upgrade', this.upgrade.bind(this));
});
Transformer.readable('upgrade', function upgrade(req, socket, head) {
  socket.once('end', function gc() { delete req.headers.backup; });
  this.forEach('upgrade', req, socket, head);
});
module.exports = Transformer;`;

const prototypeLiteral = `
var http = require('http');
function Proxy() {}
Proxy.prototype = {
  listen: function (port) {
    this.server = http.createServer();
    this.server.on('error', function () {});
    this.server.on('connect', this.onConnect.bind(this));
    this.server.listen(port);
  },
  onConnect: function (req, socket, head) {
    socket.on('data', function () {});
  },
};
module.exports = Proxy;`;

const assignedPrototype = `
var http = require('http');
function Gateway() {
  this.server = http.createServer();
  this.server.on('error', function () {});
}
Object.assign(Gateway.prototype, {
  start() { this.server.on('upgrade', this.onUpgrade); },
  onUpgrade(req, socket, head) {
    socket.write('HTTP/1.1 101 Switching Protocols\\r\\n\\r\\n');
  },
});
module.exports = Gateway;`;

const twoParameterUpgrade = `
export function attach(app) {
  app.server.on('upgrade', (req, socket) => {
    if (req.url !== '/live') socket.end('HTTP/1.1 404 Not Found\\r\\n\\r\\n');
  });
}`;

const wiredWebSocket = `
export function serve(primus, service) {
  primus.on('upgrade', (req, socket, head) => {
    socket.on('error', () => {});
    service.handleUpgrade(req, socket, head, (ws) => {
      const spark = primus.spark(ws);
      ws.on('message', (data) => spark.emit('data', data));
      ws.on('close', () => spark.end());
    });
  });
}`;

const valid: Valid[] = [
  ...js([
    {
      name: 'the upgrade handler adds the listener first: its reject helper is guarded',
      code: rejectHelper.replace('function onUpgrade(req, socket, head) {', "function onUpgrade(req, socket, head) {\n  socket.on('error', () => {});"),
    },
    {
      name: 'the reject helper adds its own listener; the accepting path is ws',
      code: rejectHelper.replace('function reject(socket, status) {', "function reject(socket, status) {\n  socket.on('error', () => {});"),
    },
    {
      name: 'the timer path adds the listener in the handler',
      code: timerPath.replace('else setTimeout', "else {\n    socket.on('error', () => {});\n    setTimeout").replace('1000);\n});', '1000);\n  }\n});'),
    },
    {
      name: "a callback parameter that every caller fills with a function of the file: the WebSocket's listener is there",
      code: `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ noServer: true });
const accept = (req, socket, head, callback) => {
  socket.on('error', () => {});
  wss.handleUpgrade(req, socket, head, (ws) => {
    wss.emit('connection', ws, req);
    callback(ws);
  });
};
export function route(req, socket, head) {
  accept(req, socket, head, (ws) => {
    ws.on('error', (error) => console.error(error));
    ws.send('hello');
  });
}`,
      options: strict,
    },
    {
      name: 'handleUpgrade passes its arguments on with apply to a function that adds the listener',
      code: entryPoint
        .replace("  if (req.headers.upgrade !== 'websocket') return abortConnection(socket, 400);\n", '')
        .replace('function completeUpgrade(req, socket, head, cb) {', "function completeUpgrade(req, socket, head, cb) {\n  socket.on('error', function () {});"),
    },
    {
      name: 'a function of the file that adds the listener guards its caller from that call on',
      code: `
import http from 'node:http';
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', onUpgrade);
function guard(socket) {
  socket.on('error', (error) => console.error(error));
}
function onUpgrade(req, socket, head) {
  guard(socket);
  setTimeout(() => socket.end('HTTP/1.1 503 Service Unavailable\\r\\n\\r\\n'), 100);
}`,
    },
    {
      name: "a socket kept on an object is the object's: its methods' writes are not a path of the handler",
      code: `
import http from 'node:http';
class Tunnel {
  constructor(socket) {
    this.socket = socket;
    this.socket.on('error', () => this.close());
  }
  send(data) { this.socket.write(data); }
  close() { this.socket.destroy(); }
}
const server = http.createServer();
server.on('error', () => {});
server.on('connect', (req, socket) => {
  const tunnel = new Tunnel(socket);
  tunnel.send('HTTP/1.1 200 OK\\r\\n\\r\\n');
});`,
    },
    {
      name: "a prototype literal's 'connect' handler that adds the listener",
      code: prototypeLiteral.replace("    socket.on('data', function () {});", "    socket.on('error', function () {});"),
    },
    {
      name: "other emitters' 'upgrade' (one transport) and 'connect' (two things) are not takeovers",
      code: `
export function watch(engineSocket, client) {
  engineSocket.on('upgrade', (transport) => transport.send([{ type: 'noop' }]));
  client.on('connect', (connack, extra) => extra.end());
}`,
    },
    {
      name: "strict: the WebSocket of ws's handleUpgrade only passed on to the server's 'connection' listeners is theirs",
      code: `
import http from 'node:http';
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer();
server.on('error', () => {});
server.on('upgrade', (req, socket, head) => {
  socket.on('error', () => {});
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});`,
      options: strict,
    },
    {
      name: 'a method named handleUpgrade with another shape is not an entry point',
      code: `
const client = { handleUpgrade(response) { return response.statusCode === 101; } };
export const upgraded = (response) => client.handleUpgrade(response);`,
    },
    {
      name: 'a handler defined through a helper on the constructor that adds the listener',
      code: definedByHelper.replace("  socket.once('end'", "  socket.on('error', function () {});\n  socket.once('end'"),
    },
  ]),
];

const invalid: Invalid[] = [
  ...js([
    {
      name: "handed to ws on the accepting path, written to on the rejecting one (engine.io da851ec's shape)",
      code: rejectHelper,
      errors: [at(rejectHelper, 'takenOverSocketWrittenUnguarded', 15, 15, socketListener('socket', '  '))],
    },
    {
      name: 'the listener comes in a later callback; the 200 is written before (http-mitm-proxy bc5f0e4)',
      code: laterListener,
      errors: [at(laterListener, 'takenOverSocketWrittenUnguarded', 10, 10, socketListener('socket', '  '))],
    },
    {
      name: "the helper's listener does not guard the timer path (engine.io 425e833)",
      code: timerPath,
      errors: [at(timerPath, 'takenOverSocketWrittenUnguarded', 5, 5, socketListener('socket', '  '))],
    },
    {
      name: "the WebSocket of ws's handleUpgrade, closed on a branch with no listener (engine.io 391ce0d)",
      code: upgradedWebSocket,
      errors: [at(upgradedWebSocket, 'takenOverSocketWrittenUnguarded', 14, 14, webSocketListener('conn', '  '))],
    },
    {
      name: "a handler defined through a helper on the constructor, registered with this.upgrade.bind(this) (primus 898f541)",
      code: definedByHelper,
      errors: [at(definedByHelper, 'socketWithoutErrorListener', 10, 10, socketListener('socket', '  '))],
    },
    {
      name: "'connect' handler in a literal that fills the prototype, registered from another of its methods",
      code: prototypeLiteral,
      errors: [at(prototypeLiteral, 'socketWithoutErrorListener', 11, 11, socketListener('socket', '    '))],
    },
    {
      name: "'upgrade' handler added with Object.assign(Ctor.prototype, {…}), registered unbound",
      code: assignedPrototype,
      errors: [at(assignedPrototype, 'socketWithoutErrorListener', 9, 9, socketListener('socket', '    '))],
    },
    {
      name: "an 'upgrade' listener without the head on a server the model cannot see (an express app's)",
      code: twoParameterUpgrade,
      errors: [at(twoParameterUpgrade, 'socketWithoutErrorListener', 3, 3, socketListener('socket', '    '))],
    },
    {
      name: "the WebSocket of a library's handleUpgrade, wired up by the file with no 'error' listener (primus b118b71)",
      code: wiredWebSocket,
      errors: [at(wiredWebSocket, 'socketWithoutErrorListener', 5, 5, webSocketListener('ws', '      '))],
    },
  ]),
  ...commonjs([
    {
      name: "a library's own handleUpgrade guards the sockets users give it (ws 0936f2f5)",
      code: entryPoint,
      // the handshake's cb(socket) goes to the user's callback: a hand-off, so only the writes are reported
      errors: [
        at(entryPoint, 'takenOverSocketWrittenUnguarded', 13, 13, socketListener('socket', '  ')),
        at(entryPoint, 'takenOverSocketWrittenUnguarded', 17, 17, socketListener('socket', '  ')),
      ],
    },
    {
      name: 'strict: the same entry point, and the listener that calls it, report the missing listener too',
      code: entryPoint,
      options: strict,
      errors: [
        at(entryPoint, 'socketWithoutErrorListener', 5, 5, socketListener('socket', '    ')),
        at(entryPoint, 'socketWithoutErrorListener', 9, 9, socketListener('socket', '  ')),
        at(entryPoint, 'takenOverSocketWrittenUnguarded', 13, 13, socketListener('socket', '  ')),
        at(entryPoint, 'takenOverSocketWrittenUnguarded', 17, 17, socketListener('socket', '  ')),
      ],
    },
  ]),
];

runRuleTests(RULE_NAME, rule, { valid, invalid });
