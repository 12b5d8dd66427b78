'use strict';
// The status endpoint every fixture serves: GET /status on 127.0.0.1:$STATUS_PORT, shaped by
// ../status.schema.json. CommonJS so that CJS, ESM and compiled TS fixtures can all load it.
const http = require('node:http');
const net = require('node:net');

/**
 * A tracked connection is either the socket itself or a record holding it
 * ({ socket, id?, connectedAt?, lastActivityAt? }, times from Date.now()).
 */
function socketOf(tracked) {
  return tracked instanceof net.Socket ? tracked : tracked.socket;
}

// A destroyed socket no longer knows its peer, and a leaked entry is exactly the one worth naming:
// remember each peer while the socket is open.
const remotes = new WeakMap();

function remoteOf(socket) {
  const known = remotes.get(socket);
  if (known !== undefined) return known;
  const address = socket.remoteAddress;
  if (address === undefined) return 'unknown';
  const remote = net.isIPv6(address) ? `[${address}]:${socket.remotePort}` : `${address}:${socket.remotePort}`;
  remotes.set(socket, remote);
  return remote;
}

function stateOf(socket) {
  if (socket.destroyed) return 'destroyed';
  if (socket.readableEnded || socket.writableEnded) return 'half-closed';
  return 'open';
}

function describeConnection(tracked, now) {
  const socket = socketOf(tracked);
  const entry = {
    remote: remoteOf(socket),
    bytesRead: socket.bytesRead,
    bytesWritten: socket.bytesWritten,
    // socket.bufferSize is deprecated (DEP0145); writableLength is the same number.
    bufferSize: socket.writableLength,
    state: stateOf(socket),
    hasErrorListener: socket.listenerCount('error') > 0,
    timeoutMs: socket.timeout ?? 0,
  };
  if (tracked !== socket) {
    if (tracked.id !== undefined) entry.id = tracked.id;
    if (tracked.connectedAt !== undefined) entry.ageMs = Math.max(0, now - tracked.connectedAt);
    if (tracked.lastActivityAt !== undefined) entry.idleMs = Math.max(0, now - tracked.lastActivityAt);
  }
  return entry;
}

function countOpenSockets(server, connections) {
  if (server === undefined) return Promise.resolve(connections.filter((c) => c.state !== 'destroyed').length);
  return new Promise((resolve) => {
    server.getConnections((error, count) => resolve(error ? 0 : count));
  });
}

async function snapshot(options) {
  const now = Date.now();
  const tracked = [...options.connections()];
  const connections = tracked.map((item) => describeConnection(item, now));
  const open = connections.filter((c) => c.state !== 'destroyed');
  const closeWait = tracked.map(socketOf).filter((s) => !s.destroyed && s.readableEnded && !s.writableEnded);
  return {
    schema: 1,
    activeConnections: tracked.length,
    openSockets: await countOpenSockets(options.server, connections),
    memory: process.memoryUsage(),
    uptime: process.uptime(),
    pid: process.pid,
    closeWait: closeWait.length,
    withoutErrorListener: open.filter((c) => !c.hasErrorListener).length,
    idleOverTimeout: open.filter((c) => c.idleMs !== undefined && c.timeoutMs > 0 && c.idleMs > c.timeoutMs).length,
    connections,
    ...(options.extra ? options.extra() : {}),
  };
}

function listening(server) {
  if (server === undefined || server.listening) return Promise.resolve();
  return new Promise((resolve) => server.once('listening', resolve));
}

/**
 * Serves GET /status and prints one ready line once both the program's server (if any) and the
 * status endpoint listen: `ready: port=<main port> status=http://127.0.0.1:<port>/status`.
 *
 * @param {object} options
 * @param {() => Iterable<any>} options.connections the program's own collection (sockets or records)
 * @param {import('node:net').Server} [options.server] the program's server, for openSockets
 * @param {number} [options.port] the main port to print, for a program that keeps its server to itself
 * @param {() => object} [options.extra] more fields to merge into the response
 */
function serveStatus(options) {
  options.server?.prependListener('connection', (accepted) => remoteOf(accepted));
  const statusServer = http.createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/status') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    snapshot(options).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
    );
  });
  // A broken status endpoint must not take the program it observes down with it.
  statusServer.on('error', (error) => console.error(`status endpoint: ${error.message}`));
  statusServer.listen(Number(process.env.STATUS_PORT ?? 0), '127.0.0.1');
  // The status endpoint alone must not keep a finished program alive.
  statusServer.unref();

  Promise.all([listening(statusServer), listening(options.server)]).then(() => {
    const statusPort = statusServer.address().port;
    const main = options.server?.address();
    const mainPort = main && typeof main === 'object' ? main.port : options.port;
    const port = mainPort === undefined ? '' : `port=${mainPort} `;
    console.log(`ready: ${port}status=http://127.0.0.1:${statusPort}/status`);
  });
  return statusServer;
}

module.exports = { serveStatus };
