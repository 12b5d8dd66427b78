'use strict';

const { PerformanceObserver, constants } = require('node:perf_hooks');
const { guarded } = require('./warn-once.js');

/** @typedef {import('node:net').Socket} Socket */

/**
 * A socket after its 'close', watched through the WeakRef the registry already had for it.
 * @typedef {object} ClosedSocket
 * @property {WeakRef<Socket>} ref
 * @property {string | null} source where the socket came from (see socket-source.js)
 * @property {'accepted' | 'opened'} origin
 * @property {number} touchedAt performance.now() of its 'close' or of the probe's last deref(): a major
 *   collection only proves something when it started after this
 * @property {number} majorsSince major collections that started after `touchedAt`
 * @property {boolean} retained deref() still found it after two of them
 */

/**
 * Counts the sockets a program keeps after their 'close'. V8 marks incrementally: a socket that became
 * unreachable while a major collection was already marking survives that one, so only the second major
 * collection that *started* after the 'close' proves the socket is still held. Collections are observed
 * (PerformanceObserver 'gc', detail.kind), never forced; the count lags until the program's own majors run.
 * deref() keeps its target alive until the current job ends, so a socket the probe dereferenced needs two
 * more majors that start after that job before it is looked at again. FinalizationRegistry callbacks are
 * not used for counting: V8 may never run them.
 */
class RetainedAfterClose {
  /** @type {ClosedSocket[]} */
  #closed = [];
  /** @type {PerformanceObserver | undefined} */
  #observer;
  #retained = 0;
  /** @type {Date | null} */
  #checkedAt = null;

  get count() {
    return this.#retained;
  }

  /** when a major collection last confirmed `count`; null before the first one */
  get checkedAt() {
    return this.#checkedAt;
  }

  /** sockets closed and not yet known to be collected */
  get watched() {
    return this.#closed.length;
  }

  /**
   * @param {WeakRef<Socket>} ref
   * @param {string | null} source
   * @param {'accepted' | 'opened'} origin
   */
  closed(ref, source, origin) {
    this.#closed.push({ ref, source, origin, touchedAt: performance.now(), majorsSince: 0, retained: false });
    if (this.#observer === undefined) this.#observe();
  }

  /**
   * Calls `count` once per retained socket whose source is known.
   * @param {(source: string, origin: 'accepted' | 'opened') => void} count
   */
  forEachRetainedSource(count) {
    for (const entry of this.#closed) {
      if (entry.retained && entry.source !== null) count(entry.source, entry.origin);
    }
  }

  /**
   * The closed sockets still reachable now. Dereferences every one of them: the caller must not
   * expect any of them to be collected before its job ends.
   * @returns {Socket[]}
   */
  reachableNow() {
    /** @type {Socket[]} */
    const sockets = [];
    for (const entry of this.#closed) {
      const socket = entry.ref.deref();
      if (socket !== undefined) sockets.push(socket);
    }
    return sockets;
  }

  /**
   * Counts again right after full collections that all started after every watched 'close' (a heap
   * snapshot runs them). Must be called from a later job than the one that took the snapshot's references.
   * @returns {number}
   */
  recountAfterFullCollection() {
    const now = performance.now();
    this.#closed = this.#closed.filter((entry) => {
      const alive = entry.ref.deref() !== undefined;
      entry.retained = alive;
      entry.majorsSince = 0;
      entry.touchedAt = now;
      return alive;
    });
    this.#retained = this.#closed.length;
    this.#checkedAt = new Date();
    if (this.#closed.length === 0) this.#unobserve();
    return this.#retained;
  }

  stop() {
    this.#unobserve();
    this.#closed = [];
    this.#retained = 0;
  }

  #observe() {
    this.#observer = new PerformanceObserver((list) =>
      guarded('retained-after-close', () => {
        const majorStarts = [];
        for (const entry of list.getEntries()) {
          const kind = /** @type {{ detail?: { kind?: number } }} */ (/** @type {unknown} */ (entry)).detail?.kind;
          if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorStarts.push(entry.startTime);
        }
        if (majorStarts.length > 0) this.#afterMajors(majorStarts);
      }),
    );
    this.#observer.observe({ entryTypes: ['gc'] });
  }

  #unobserve() {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  /**
   * Runs in the observer's own job, never in the one that closed or last dereferenced a socket.
   * @param {number[]} majorStarts startTime of each major collection reported in this batch
   */
  #afterMajors(majorStarts) {
    /** @type {ClosedSocket[]} */
    const kept = [];
    /** @type {ClosedSocket[]} */
    const looked = [];
    let retained = 0;
    for (const entry of this.#closed) {
      for (const start of majorStarts) if (start > entry.touchedAt) entry.majorsSince++;
      if (entry.majorsSince >= 2) {
        if (entry.ref.deref() === undefined) continue; // collected: it was not retained
        entry.retained = true;
        entry.majorsSince = 0;
        looked.push(entry);
      }
      if (entry.retained) retained++;
      kept.push(entry);
    }
    // Our deref() keeps these alive until this job ends; only majors that start later count for them.
    const now = performance.now();
    for (const entry of looked) entry.touchedAt = now;
    this.#closed = kept;
    this.#retained = retained;
    this.#checkedAt = new Date();
    if (kept.length === 0) this.#unobserve();
  }
}

module.exports = { RetainedAfterClose };
