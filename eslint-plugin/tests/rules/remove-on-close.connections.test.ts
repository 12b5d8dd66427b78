// A 'connection' listener of an emitter the file does not create (a server passed in, socket.io's `io`)
// still receives one connection per call: what the file keeps of it must go when it is over. Its make is
// unknown, so a removal in any of its listeners counts ('close', socket.io's 'disconnect'), and there is
// no suggestion (it may not emit 'close'). http-terminator 254b3d1 and simple-signal-server d3ddc90 in
// real-bugs/ leaked this way.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/remove-on-close.js';
import { commonjs, js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const valid: Valid[] = js<Valid>([
  {
    name: "socket.io: a client map pruned on the socket's 'disconnect'",
    code: `
export function track(io) {
  const clients = new Map();
  io.on('connection', (socket) => {
    clients.set(socket.id, socket);
    socket.on('disconnect', () => clients.delete(socket.id));
  });
  return clients;
}`,
  },
  {
    name: "a server passed in: sockets removed on their own 'close'",
    code: `
export function createTerminator(server) {
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () => { for (const socket of sockets) socket.destroy(); };
}`,
  },
  {
    name: 'trap: connections counted in a local array of the listener',
    code: `
export function watch(server) {
  server.on('connection', (socket) => {
    const seen = [];
    seen.push(socket);
    console.log(seen.length);
  });
}`,
  },
]);

const invalid: Invalid[] = [
  ...js<Invalid>([
    {
      name: "http-terminator 1.2: the delete is registered on the server's 'close', not the socket's",
      code: `
export function createTerminator(server) {
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    server.once('close', () => { sockets.delete(socket); });
  });
  return () => { for (const socket of sockets) socket.destroy(); };
}`,
      errors: [{ messageId: 'noRemoval', data: { collection: 'sockets' }, line: 5, suggestions: [] }],
    },
  ]),
  ...commonjs<Invalid>([
    {
      name: "simple-signal-server 2.1.1: a socket.io socket kept under its id, the 'disconnect' handler only re-emits",
      code: `
module.exports = SignalServer;
function SignalServer(io) {
  this._sockets = {};
  io.on('connection', (socket) => {
    socket.on('discover', this._onDiscover.bind(this, socket));
    socket.on('disconnect', this._onDisconnect.bind(this, socket));
  });
}
SignalServer.prototype._onDiscover = function (socket, id) {
  this._sockets[id || socket.id] = socket;
};
SignalServer.prototype._onDisconnect = function (socket) {
  this.emit('disconnect', socket);
};`,
      errors: [{ messageId: 'noRemoval', data: { collection: 'this._sockets' }, line: 11, suggestions: [] }],
    },
  ]),
];

runRuleTests(RULE_NAME, rule, { valid, invalid });
