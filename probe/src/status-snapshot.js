'use strict';

/** @typedef {import('node:net').Socket} Socket */
/** @typedef {import('./socket-registry.js').SocketRegistry} SocketRegistry */
/** @typedef {import('./socket-registry.js').SocketRecord} SocketRecord */

/** @typedef {import('../status.js').StatusReport} StatusReport the status format's type, generated from status.schema.json */
/** @typedef {import('../status.js').StatusConnection} StatusConnection */

/**
 * One connection as the probe reports it: the format's connection with every field the probe knows filled in,
 * plus `origin` (an extra field of the probe's own).
 * @typedef {StatusConnection & Required<Pick<StatusConnection, 'ageMs' | 'idleMs' | 'state' | 'hasErrorListener' | 'timeoutMs' | 'source'>>
 *   & { id: number, origin: 'accepted' | 'opened' }} ConnectionStatus
 */

/** @typedef {Required<NonNullable<StatusReport['sources']>[number]>} SourceStatus counts per place in the program's code */

/**
 * The probe's status body: a StatusReport with the fields the probe always sends made required.
 * @typedef {StatusReport & Required<Pick<StatusReport, 'pid' | 'withoutErrorListener' | 'idleOverTimeout' | 'closeWait' | 'closeWaitMethod' | 'retainedAfterClose' | 'retainedAfterCloseCheckedAt'>>
 *   & { schema: 1, connections: ConnectionStatus[], sources: SourceStatus[] }} StatusSnapshot
 */

// Label values stay bounded for /status and /metrics alike: the rest are folded into 'other'.
const MAX_SOURCES = 50;

/**
 * The counts /status and /metrics share, per process and per source.
 * @typedef {Pick<StatusSnapshot, 'activeConnections' | 'closeWait' | 'withoutErrorListener' | 'idleOverTimeout' | 'sources'> & { bytesRead: number, bytesWritten: number }} LeakCounts
 */

/**
 * @param {SocketRegistry} registry
 * @param {{ now?: number, kernelCloseWait?: number }} [readings] `kernelCloseWait`: the kernel table's
 *   count, when the caller asked for it; otherwise CLOSE_WAIT is counted from each socket's own state
 * @returns {StatusSnapshot}
 */
function statusSnapshot(registry, readings = {}) {
  const now = readings.now ?? Date.now();
  /** @type {ConnectionStatus[]} */
  const connections = [];
  const counts = leakCounts(registry, (socket, record, hasErrorListener, bytesRead, bytesWritten) =>
    connections.push(connectionStatus(socket, record, now, { hasErrorListener, bytesRead, bytesWritten })),
  );
  const retained = registry.retainedAfterClose;
  const kernel = readings.kernelCloseWait !== undefined;
  return {
    schema: 1,
    activeConnections: counts.activeConnections,
    // a copy: MemoryUsage is an interface, which the format's open object type (extra fields allowed) does not take as is
    memory: { ...process.memoryUsage() },
    uptime: process.uptime(),
    pid: process.pid,
    closeWait: kernel ? /** @type {number} */ (readings.kernelCloseWait) : counts.closeWait,
    closeWaitMethod: kernel ? 'kernel' : 'socket-state',
    retainedAfterClose: retained.count,
    retainedAfterCloseCheckedAt: retained.checkedAt?.toISOString() ?? null,
    sources: counts.sources,
    withoutErrorListener: counts.withoutErrorListener,
    idleOverTimeout: counts.idleOverTimeout,
    connections,
  };
}

/**
 * One walk over the live sockets (the same that samples their activity): the counts alone, as /metrics
 * needs them (no per-connection objects, no remote address strings, no memory reading), with the bytes of
 * every tracked socket, closed ones included; `each` is called per socket by /status to build its list.
 * @param {SocketRegistry} registry
 * @param {(socket: Socket, record: SocketRecord, hasErrorListener: boolean, bytesRead: number, bytesWritten: number) => void} [each]
 * @returns {LeakCounts & { sources: SourceStatus[], bytesRead: number, bytesWritten: number }}
 */
function leakCounts(registry, each) {
  /** @type {Map<string, SourceStatus>} */
  const sources = new Map();
  let activeConnections = 0;
  let withoutErrorListener = 0;
  let idleOverTimeout = 0;
  let closeWait = 0;
  let liveBytesRead = 0;
  let liveBytesWritten = 0;
  registry.sampleActivity((socket, record, bytesRead, bytesWritten) => {
    const hasErrorListener = socket.listenerCount('error') > 0;
    const idle = registry.isIdleOverTimeout(socket, record);
    const waiting = isInCloseWait(socket);
    activeConnections++;
    liveBytesRead += bytesRead;
    liveBytesWritten += bytesWritten;
    if (!hasErrorListener) withoutErrorListener++;
    if (idle) idleOverTimeout++;
    if (waiting) closeWait++;
    if (record.source !== null) {
      const source = sourceEntry(sources, record.source, record.origin);
      source.active++;
      if (!hasErrorListener) source.withoutErrorListener++;
      if (idle) source.idleOverTimeout++;
      if (waiting) source.closeWait++;
    }
    each?.(socket, record, hasErrorListener, bytesRead, bytesWritten);
  });
  registry.retainedAfterClose.forEachRetainedSource((location, origin) => sourceEntry(sources, location, origin).retainedAfterClose++);
  return {
    activeConnections,
    withoutErrorListener,
    idleOverTimeout,
    closeWait,
    sources: boundedSources([...sources.values()]),
    // read after the walk: a socket the walk found closed has moved its bytes to the closed totals
    bytesRead: registry.closedBytesRead + liveBytesRead,
    bytesWritten: registry.closedBytesWritten + liveBytesWritten,
  };
}

/**
 * Exact where it applies: the peer's FIN was read ('end') while this side neither ended nor destroyed
 * the socket. A FIN waiting behind a paused socket's unread data is seen only by the kernel's table.
 * @param {Socket} socket
 */
function isInCloseWait(socket) {
  return socket.readableEnded && !socket.writableEnded && !socket.destroyed;
}

/**
 * @param {Map<string, SourceStatus>} sources
 * @param {string} location
 * @param {'accepted' | 'opened'} origin
 */
function sourceEntry(sources, location, origin) {
  let entry = sources.get(location);
  if (entry === undefined) {
    entry = {
      location,
      kind: origin === 'accepted' ? 'server' : 'client',
      active: 0,
      retainedAfterClose: 0,
      withoutErrorListener: 0,
      idleOverTimeout: 0,
      closeWait: 0,
    };
    sources.set(location, entry);
  }
  return entry;
}

/** @param {SourceStatus} source the more leak signals, the worse; then the more sockets */
const badness = (source) =>
  source.retainedAfterClose + source.withoutErrorListener + source.idleOverTimeout + source.closeWait;

/**
 * Worst first, at most MAX_SOURCES entries: the rest are summed into one `other` entry.
 * @param {SourceStatus[]} sources
 * @returns {SourceStatus[]}
 */
function boundedSources(sources) {
  sources.sort((a, b) => badness(b) - badness(a) || b.active - a.active || (a.location < b.location ? -1 : 1));
  if (sources.length <= MAX_SOURCES) return sources;
  const kept = sources.slice(0, MAX_SOURCES - 1);
  const rest = sources.slice(MAX_SOURCES - 1);
  const servers = rest.filter((source) => source.kind === 'server').length;
  /** @type {SourceStatus} */
  const other = {
    location: 'other',
    kind: servers * 2 >= rest.length ? 'server' : 'client',
    active: 0,
    retainedAfterClose: 0,
    withoutErrorListener: 0,
    idleOverTimeout: 0,
    closeWait: 0,
  };
  for (const source of rest) {
    other.active += source.active;
    other.retainedAfterClose += source.retainedAfterClose;
    other.withoutErrorListener += source.withoutErrorListener;
    other.idleOverTimeout += source.idleOverTimeout;
    other.closeWait += source.closeWait;
  }
  return [...kept, other];
}

/**
 * @param {Socket} socket
 * @param {SocketRecord} record
 * @param {number} now
 * @param {{ hasErrorListener: boolean, bytesRead: number, bytesWritten: number }} read in the walk already
 * @returns {ConnectionStatus}
 */
function connectionStatus(socket, record, now, { hasErrorListener, bytesRead, bytesWritten }) {
  return {
    id: record.id,
    remote: remoteOf(socket),
    bytesRead,
    bytesWritten,
    bufferSize: socket.writableLength,
    ageMs: Math.max(0, now - record.openedAt),
    idleMs: Math.max(0, now - record.lastActivityAt),
    state: stateOf(socket),
    hasErrorListener,
    timeoutMs: Math.round(socket.timeout ?? 0),
    origin: record.origin,
    source: record.source,
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

module.exports = { statusSnapshot, leakCounts, stateOf, remoteOf, isInCloseWait, MAX_SOURCES };
