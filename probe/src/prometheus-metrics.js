'use strict';

/** @typedef {import('./socket-registry.js').SocketRegistry} SocketRegistry */
/** @typedef {import('./status-snapshot.js').LeakCounts} LeakCounts */

/**
 * The probe's metrics in a private prom-client Registry: the host's own `register` is never touched,
 * and a host that already exports prom-client metrics keeps exactly the names it had.
 * prom-client is loaded on the first scrape, so a probe nobody scrapes costs the host no start-up time.
 * @param {SocketRegistry} sockets
 * @param {() => LeakCounts} snapshot the counts alone (one walk over the sockets, no per-connection objects)
 * @returns {{ text: () => Promise<string>, contentType: () => string }}
 */
function prometheusMetrics(sockets, snapshot) {
  /** @type {import('prom-client').Registry | undefined} */
  let registry;
  return {
    text: async () => (registry ??= createRegistry(sockets, snapshot)).metrics(),
    contentType: () => (registry ??= createRegistry(sockets, snapshot)).contentType,
  };
}

/**
 * @param {SocketRegistry} sockets
 * @param {() => LeakCounts} snapshot
 */
function createRegistry(sockets, snapshot) {
  const client = require('prom-client');
  const registry = new client.Registry();
  const registers = [registry];

  // One snapshot per scrape, shared by the gauges that need the per-socket walk.
  /** @type {LeakCounts | undefined} */
  let scrape;
  let scrapedAt = -1;
  const current = () => {
    const now = Date.now();
    if (scrape === undefined || now - scrapedAt > 100) {
      scrape = snapshot();
      scrapedAt = now;
    }
    return scrape;
  };

  /**
   * A counter whose value is read from the registry at scrape time (it only ever grows).
   * @param {string} name @param {string} help @param {() => number} read
   */
  const countedTotal = (name, help, read) =>
    new client.Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  /** @param {string} name @param {string} help @param {() => number | undefined | Promise<number | undefined>} read */
  const gauge = (name, help, read) =>
    new client.Gauge({
      name,
      help,
      registers,
      async collect() {
        const value = await read();
        if (value !== undefined) this.set(value);
      },
    });

  gauge('socket_hygiene_connections_active', 'Sockets open now (accepted and opened), the probe\'s own excluded.', () => sockets.size);
  countedTotal('socket_hygiene_connections_accepted_total', 'Sockets accepted by servers of this process.', () => sockets.accepted);
  countedTotal('socket_hygiene_connections_opened_total', 'Client sockets opened by this process.', () => sockets.opened);
  countedTotal('socket_hygiene_connections_closed_total', 'Tracked sockets that emitted \'close\'.', () => sockets.closed);
  gauge('socket_hygiene_close_wait_sockets', 'TCP sockets of this process in CLOSE_WAIT: the peer closed, this process did not (Linux only).', () => current().closeWait);
  gauge('socket_hygiene_connections_without_error_listener', 'Open sockets with no \'error\' listener: an error on one crashes the process.', () => current().withoutErrorListener);
  gauge('socket_hygiene_connections_idle_over_timeout', 'Sockets whose \'timeout\' fired with nothing moved since, still neither ended nor destroyed.', () => current().idleOverTimeout);
  gauge('socket_hygiene_retained_after_close', 'Closed sockets still reachable after two major collections that began after their \'close\': kept by the program.', () => sockets.retainedAfterClose.count);
  /**
   * One gauge per count of `sources`, labelled by location (at most 50 values, the rest as "other").
   * @param {string} name @param {string} help @param {'active' | 'retainedAfterClose' | 'withoutErrorListener' | 'idleOverTimeout' | 'closeWait'} field
   */
  const perSource = (name, help, field) =>
    new client.Gauge({
      name,
      help,
      labelNames: ['location', 'kind'],
      registers,
      async collect() {
        this.reset(); // a location that is gone must not keep its last value
        for (const source of current().sources) this.set({ location: source.location, kind: source.kind }, source[field]);
      },
    });
  perSource('socket_hygiene_source_connections_active', 'Open sockets per place in the program\'s code that made them (server listen or client connect).', 'active');
  perSource('socket_hygiene_source_retained_after_close', 'Closed sockets still held, per place in the program\'s code that made them.', 'retainedAfterClose');
  perSource('socket_hygiene_source_without_error_listener', 'Open sockets without an \'error\' listener, per place in the program\'s code that made them.', 'withoutErrorListener');
  perSource('socket_hygiene_source_idle_over_timeout', 'Sockets idle past their timeout and still open, per place in the program\'s code that made them.', 'idleOverTimeout');
  perSource('socket_hygiene_source_close_wait', 'Sockets in CLOSE_WAIT (from the socket\'s state), per place in the program\'s code that made them.', 'closeWait');
  countedTotal('socket_hygiene_bytes_read_total', 'Bytes read by tracked sockets, closed ones included.', () => current().bytesRead);
  countedTotal('socket_hygiene_bytes_written_total', 'Bytes written by tracked sockets, closed ones included.', () => current().bytesWritten);
  return registry;
}

module.exports = { prometheusMetrics };
