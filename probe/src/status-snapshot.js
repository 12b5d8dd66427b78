'use strict';

/** @typedef {import('node:net').Socket} Socket */
/** @typedef {import('./socket-registry.js').SocketRegistry} SocketRegistry */
/** @typedef {import('./socket-registry.js').SocketRecord} SocketRecord */

/** @typedef {import('../status.js').StatusReport} StatusReport the status format's type, generated from status.schema.json */
/** @typedef {import('../status.js').StatusConnection} StatusConnection */

/**
 * One connection as the probe reports it: the format's connection with every field the probe knows filled in,
 * plus `origin` (an extra field of the probe's own).
 * @typedef {StatusConnection & Required<Pick<StatusConnection, 'ageMs' | 'idleMs' | 'state' | 'hasErrorListener' | 'timeoutMs'>>
 *   & { id: number, origin: 'accepted' | 'opened' }} ConnectionStatus
 */

/**
 * The probe's status body: a StatusReport with the fields the probe always sends made required
 * (`closeWait` stays optional: it is read from /proc, on Linux only).
 * @typedef {StatusReport & Required<Pick<StatusReport, 'pid' | 'withoutErrorListener' | 'idleOverTimeout'>>
 *   & { schema: 1, connections: ConnectionStatus[] }} StatusSnapshot
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
    // a copy: MemoryUsage is an interface, which the format's open object type (extra fields allowed) does not take as is
    memory: { ...process.memoryUsage() },
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
