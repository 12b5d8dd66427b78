// The model's class 7 pieces (issue 10): upgrade entry points, methods defined through helpers and prototype
// literals, `f.apply(this, arguments)` and callback parameters, and the writes no 'error' listener guards.
import { describe, expect, it } from 'vitest';

import { unguardedUses } from '../../src/analysis/unguardedUses.js';
import { analyze } from './analyze.js';

const describeOrigins = (model: ReturnType<typeof analyze>): string[] =>
  model.origins.map((origin) => `${origin.kind}:${origin.family}:${origin.takenOver ? 'taken-over' : '-'}:${model.text(origin.node)}`);

describe('upgrade entry points', () => {
  it("makes the file's own handleUpgrade socket and the WebSocket a library's hands its callback into origins", () => {
    const model = analyze(`
function Server(server) {
  var self = this;
  server.on('upgrade', function (req, upgraded, head) { self.handleUpgrade(req, upgraded, head); });
}
Server.prototype.handleUpgrade = function (req, entered, head) {
  this.ws.handleUpgrade(req, entered, head, function (conn) { conn.close(); });
};
client.handleUpgrade(response);`);
    expect(describeOrigins(model)).toEqual(['socket:net:taken-over:upgraded', 'socket:net:taken-over:entered', 'socket:ws:taken-over:conn']);
  });
});

describe('handlers the file index resolves', () => {
  it('finds methods defined through a helper on the constructor and in a literal that fills the prototype', () => {
    const model = analyze(`
function T() {}
T.readable('init', function init(server) { server.on('upgrade', this.upgrade.bind(this)); });
T.readable('upgrade', function upgrade(req, viaHelper) {});
T.prototype = { start(server) { server.on('connect', this.onConnect); }, onConnect(req, viaLiteral, head) {} };`);
    expect(describeOrigins(model)).toEqual(['socket:net:taken-over:viaHelper', 'socket:net:taken-over:viaLiteral']);
  });

  it('follows a socket through f.apply(this, arguments) and through a callback parameter', () => {
    const model = analyze(`
server.on('upgrade', function (req, socket, head) { relay.apply(this, arguments); });
function relay(req, socket, head) { accept(socket, (s) => { s.on('error', () => {}); }); }
function accept(socket, callback) { callback(socket); }`);
    expect(model.origins[0]?.listeners.map((listener) => listener.event)).toEqual(['error']);
    expect(model.origins[0]?.handOffs).toEqual([]);
  });
});

describe('unguarded writes', () => {
  it('reports the writes of paths no listener guards, at the parameter the writing function received the socket through', () => {
    const code = `
server.on('upgrade', (req, socket, head) => {
  if (req.url === '/a') return guarded(socket);
  if (req.url === '/b') return reject(socket);
  setTimeout(() => socket.end(), 10);
});
function guarded(socket) { socket.on('error', () => {}); socket.write('ok'); }
function reject(rejected) { rejected.write('HTTP/1.1 400 Bad Request\\r\\n\\r\\n'); }`;
    const model = analyze(code);
    const [origin] = model.origins;
    if (!origin) throw new Error('no origin');
    expect(unguardedUses(model.index, origin).map((use) => `${model.text(use.entry)}: ${model.text(use.node)}`)).toEqual([
      "rejected: rejected.write('HTTP/1.1 400 Bad Request\\r\\n\\r\\n')",
      'socket: socket.end()',
    ]);
  });
});
