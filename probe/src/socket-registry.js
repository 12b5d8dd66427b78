'use strict';

const { RetainedAfterClose } = require('./retained-after-close.js');

/** @typedef {import('node:net').Socket} Socket */

/**
 * What the probe remembers of one socket. The socket itself is only held through a WeakRef,
 * so the probe can never be the reason a socket stays in memory.
 * @typedef {object} SocketRecord
 * @property {number} id creation order, stable for the socket's life
 * @property {'accepted' | 'opened'} origin accepted by a server of this process, or opened by it as a client
 * @property {WeakRef<Socket>} ref
 * @property {number} openedAt ms since epoch
 * @property {number} lastActivityAt last time its byte counts were seen to move
 * @property {number} lastBytes bytesRead + bytesWritten when last sampled
 * @property {number} timedOutAt when its 'timeout' last fired (0: never)
 * @property {number} bytesAtTimeout bytes moved when its 'timeout' last fired
 * @property {string | null} source where it came from: `file:line:column` in the program's own code (socket-source.js)
 */

/**
 * Every live socket of the process, forgotten on its 'close'; plus the running totals.
 */
class SocketRegistry {
  /** @type {Map<number, SocketRecord>} */
  #records = new Map();
  /** @type {WeakMap<Socket, SocketRecord>} */
  #recordOf = new WeakMap();
  #nextId = 1;
  #now;
  // One shared listener per event for all sockets: no closure per socket, `this` is the socket.
  #closeListener;
  #timeoutListener;

  /** closed sockets the program may still hold */
  retainedAfterClose = new RetainedAfterClose();
  /** sockets whose 'close' the probe did not hear (the program removed every 'close' listener) */
  closeMissed = 0;

  accepted = 0;
  opened = 0;
  closed = 0;
  /** bytes of sockets already closed; live sockets add their own on top */
  closedBytesRead = 0;
  closedBytesWritten = 0;

  /** @param {() => number} [now] */
  constructor(now = Date.now) {
    this.#now = now;
    const registry = this;
    /** @this {Socket} */
    this.#closeListener = function closeListener() {
      registry.#forget(this);
    };
    /** @this {Socket} */
    this.#timeoutListener = function timeoutListener() {
      registry.#timedOut(this);
    };
  }

  /**
   * Starts tracking `socket`; a socket already tracked is left as it is (several channels may report it).
   * @param {Socket} socket
   * @param {'accepted' | 'opened'} origin
   * @param {string | null} [source]
   * @returns {boolean} whether it was new
   */
  track(socket, origin, source = null) {
    if (this.#recordOf.has(socket) || socket.destroyed) return false;
    const now = this.#now();
    /** @type {SocketRecord} */
    const record = {
      id: this.#nextId++,
      origin,
      ref: new WeakRef(socket),
      openedAt: now,
      lastActivityAt: now,
      lastBytes: (socket.bytesRead ?? 0) + (socket.bytesWritten ?? 0),
      timedOutAt: 0,
      bytesAtTimeout: 0,
      source,
    };
    this.#records.set(record.id, record);
    this.#recordOf.set(socket, record);
    socket.on('close', this.#closeListener);
    socket.on('timeout', this.#timeoutListener);
    if (origin === 'accepted') this.accepted++;
    else this.opened++;
    return true;
  }

  /** @param {Socket} socket */
  has(socket) {
    return this.#recordOf.has(socket);
  }

  get size() {
    return this.#records.size;
  }

  /**
   * Live sockets with their records, oldest first (Map keeps insertion order). A socket collected without
   * ever emitting 'close' (never connected, emitClose: false) leaves here, at the next walk (the activity
   * sample's, every second, or a request's). No FinalizationRegistry: its callbacks were never certain to
   * run, and registering and unregistering every socket cost each short-lived connection about 1 µs and
   * a cell on the heap (bench/README.md, "Overhead goals").
   * @returns {Generator<[Socket, SocketRecord]>}
   */
  *entries() {
    for (const record of this.#records.values()) {
      const socket = record.ref.deref();
      if (socket === undefined) this.#records.delete(record.id);
      else yield [socket, record];
    }
  }

  /**
   * Moves each socket's last-activity time forward when its byte counts changed since the last look:
   * listening to 'data' would switch the host's streams into flowing mode, so the probe samples instead.
   * `each`, when given, is called for every live socket with the byte counts just read, so that /status
   * and /metrics need no walk of their own (and read the `bytesWritten` getter, which copies the write
   * queue, once per socket).
   * @param {(socket: Socket, record: SocketRecord, bytesRead: number, bytesWritten: number) => void} [each]
   */
  sampleActivity(each) {
    const now = this.#now();
    for (const [socket, record] of this.entries()) {
      // 'close' was emitted but the probe's listener was removed before it (removeAllListeners('close')).
      if (socket.closed) {
        this.closeMissed++;
        this.#forget(socket);
        continue;
      }
      const bytesRead = socket.bytesRead;
      const bytesWritten = socket.bytesWritten;
      const bytes = bytesRead + bytesWritten;
      if (bytes !== record.lastBytes) {
        record.lastBytes = bytes;
        record.lastActivityAt = now;
      }
      each?.(socket, record, bytesRead, bytesWritten);
    }
  }

  /**
   * Timed out and nothing moved since, yet neither ended nor destroyed: the runtime face of
   * the `timeout-ends-socket` rule ('timeout' does not close the socket by itself).
   * @param {Socket} socket
   * @param {SocketRecord} record
   */
  isIdleOverTimeout(socket, record) {
    return (
      record.timedOutAt !== 0 &&
      !socket.destroyed &&
      !socket.writableEnded &&
      socket.bytesRead + socket.bytesWritten === record.bytesAtTimeout
    );
  }

  /** Stops listening to every tracked socket and forgets them (used by `stop()`). */
  clear() {
    for (const [socket] of this.entries()) {
      socket.removeListener('close', this.#closeListener);
      socket.removeListener('timeout', this.#timeoutListener);
    }
    this.#records.clear();
    this.#recordOf = new WeakMap();
    this.retainedAfterClose.stop();
  }

  /** @param {Socket} socket */
  #forget(socket) {
    const record = this.#recordOf.get(socket);
    if (record === undefined) return;
    this.#recordOf.delete(socket);
    this.#records.delete(record.id);
    this.closed++;
    this.closedBytesRead += socket.bytesRead;
    this.closedBytesWritten += socket.bytesWritten;
    this.retainedAfterClose.closed(record.ref, record.source, record.origin);
  }

  /** @param {Socket} socket */
  #timedOut(socket) {
    const record = this.#recordOf.get(socket);
    if (record === undefined) return;
    const bytes = socket.bytesRead + socket.bytesWritten;
    record.timedOutAt = this.#now();
    record.bytesAtTimeout = bytes;
    record.lastBytes = bytes;
    // 'timeout' fires exactly `socket.timeout` ms after the last read or write: the one exact idle reading.
    record.lastActivityAt = record.timedOutAt - (socket.timeout ?? 0);
  }
}

module.exports = { SocketRegistry };
