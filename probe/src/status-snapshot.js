'use strict';

/** @typedef {import('node:net').Socket} Socket */
/** @typedef {import('./socket-registry.js').SocketRegistry} SocketRegistry */
/** @typedef {import('./socket-registry.js').SocketRecord} SocketRecord */

/**
 * One connection as the status endpoint reports it (see probe/status.schema.json (the status format)).
 * @typedef {object} ConnectionStatus
 * @property {number} id
 * @property {string} remote ip:port of the peer ([ip]:port for IPv6)
 * @property {number} bytesRead
 * @property {number} bytesWritten
 * @property {number} bufferSize bytes queued for writing (`writableLength`; `socket.bufferSize` is DEP0145)
 * @property {number} ageMs
 * @property {number} idleMs
 * @property {'open' | 'half-closed' | 'destroyed'} state
 * @property {boolean} hasErrorListener
 * @property {number} timeoutMs 0 when the socket has no timeout
 * @property {'accepted' | 'opened'} origin
 */

/**
 * @typedef {object} StatusSnapshot
 * @property {1} schema version of the status format
 * @property {number} activeConnections
 * @property {NodeJS.MemoryUsage} memory
 * @property {number} uptime seconds
 * @property {number} pid
 * @property {number} [closeWait]
 * @property {number} withoutErrorListener
 * @property {number} idleOverTimeout
 * @property {ConnectionStatus[]} connections
 */

/**
 * @param {SocketRegistry} registry
 * @param {{ now?: number, closeWait?: number }} [readings]
 * @returns {StatusSnapshot}
 */
function statusSnapshot(registry, readings = {}) {
  registry.sampleActivity();
  const now = readings.now ?? Date.now();
  /** @type {ConnectionStatus[]} */
  const connections = [];
  let withoutErrorListener = 0;
  let idleOverTimeout = 0;
  for (const [socket, record] of registry.entries()) {
    const connection = connectionStatus(socket, record, now);
    if (!connection.hasErrorListener) withoutErrorListener++;
    if (registry.isIdleOverTimeout(socket, record)) idleOverTimeout++;
    connections.push(connection);
  }
  return {
    schema: 1,
    activeConnections: connections.length,
    memory: process.memoryUsage(),
    uptime: process.uptime(),
    pid: process.pid,
    ...(readings.closeWait === undefined ? {} : { closeWait: readings.closeWait }),
    withoutErrorListener,
    idleOverTimeout,
    connections,
  };
}

/**
 * @param {Socket} socket
 * @param {SocketRecord} record
 * @param {number} now
 * @returns {ConnectionStatus}
 */
function connectionStatus(socket, record, now) {
  return {
    id: record.id,
    remote: remoteOf(socket),
    bytesRead: socket.bytesRead,
    bytesWritten: socket.bytesWritten,
    bufferSize: socket.writableLength,
    ageMs: Math.max(0, now - record.openedAt),
    idleMs: Math.max(0, now - record.lastActivityAt),
    state: stateOf(socket),
    hasErrorListener: socket.listenerCount('error') > 0,
    timeoutMs: Math.round(socket.timeout ?? 0),
    origin: record.origin,
  };
}

/**
 * @param {Socket} socket
 * @returns {ConnectionStatus['state']}
 */
function stateOf(socket) {
  if (socket.destroyed) return 'destroyed';
  // Either side sent its FIN: the peer ended (readableEnded) or this program did (writableEnded).
  if (socket.readableEnded || socket.writableEnded) return 'half-closed';
  return 'open';
}

/** @param {Socket} socket */
function remoteOf(socket) {
  const { remoteAddress, remotePort } = socket;
  if (remoteAddress === undefined) return socket.connecting ? 'connecting' : 'unknown';
  return remoteAddress.includes(':') ? `[${remoteAddress}]:${remotePort}` : `${remoteAddress}:${remotePort}`;
}

module.exports = { statusSnapshot, stateOf, remoteOf };
