'use strict';

const fs = require('node:fs');
const { SocketRegistry } = require('./socket-registry.js');
const { startTracking } = require('./socket-tracking.js');
const { statusSnapshot, leakCounts } = require('./status-snapshot.js');
const { cachedCloseWait } = require('./close-wait.js');
const { prometheusMetrics } = require('./prometheus-metrics.js');
const { createStatusServer } = require('./status-server.js');
const { optionsFromEnv } = require('./options.js');
const { retentionAnalysis } = require('./retention/retention-request.js');
const { warnOnce, guarded } = require('./warn-once.js');

/** @typedef {import('./options.js').ProbeOptions} ProbeOptions */
/** @typedef {import('./status-snapshot.js').StatusSnapshot} StatusSnapshot */

/**
 * @typedef {object} Probe
 * @property {string | undefined} url the /status URL; undefined when the server could not listen
 * @property {number | undefined} port
 * @property {SocketRegistry} sockets
 * @property {(query?: { closeWait?: 'kernel' }) => Promise<StatusSnapshot>} status the same object GET /status serves
 * @property {() => Promise<void>} stop closes the server and stops tracking
 */

// One probe per process, whether it came from --require, --import, code, or all three.
const RUNNING = Symbol.for('socket-hygiene-probe.running');
const ACTIVITY_SAMPLE_MS = 1000;
// Reading /proc/net/tcp costs the kernel a walk over every socket of the namespace (see close-wait.js):
// it is read only when a client asks (?closeWait=kernel), and at most once per 10 s.
const KERNEL_CLOSE_WAIT_AGES = { minAgeMs: 10_000, maxAgeMs: 10_000 };

/**
 * Starts the probe (or returns the one already running). Never rejects: a failure to listen
 * becomes a warning and a probe whose `url` is undefined.
 * @param {Partial<ProbeOptions>} [overrides] on top of the SOCKET_HYGIENE_* environment
 * @returns {Promise<Probe>}
 */
function start(overrides = {}) {
  /** @type {Record<symbol, Promise<Probe> | undefined>} */
  const global = /** @type {any} */ (globalThis);
  const running = global[RUNNING];
  if (running !== undefined) return running;
  const probe = launch({ ...optionsFromEnv(), ...overrides }, () => {
    global[RUNNING] = undefined;
  });
  global[RUNNING] = probe;
  return probe;
}

/**
 * @param {ProbeOptions} options
 * @param {() => void} onStop
 * @returns {Promise<Probe>}
 */
async function launch(options, onStop) {
  const sockets = new SocketRegistry();
  /** @type {import('node:http').Server | undefined} */
  let statusServer;
  // Node sets `socket.server` on every socket a server accepts: a property read, where comparing the
  // local port would cost a getsockname() system call for every socket the program accepts.
  /** @param {import('node:net').Socket} socket */
  const isOwnSocket = (socket) => statusServer !== undefined && /** @type {any} */ (socket).server === statusServer;
  const stopTracking = startTracking(sockets, isOwnSocket);
  const kernelCloseWait = cachedCloseWait(KERNEL_CLOSE_WAIT_AGES);
  /** @param {{ closeWait?: 'kernel' }} [query] */
  const status = async (query = {}) => {
    const kernel =
      query.closeWait === 'kernel' ? await kernelCloseWait().catch((error) => warnOnce('close-wait', error)) : undefined;
    return statusSnapshot(sockets, { kernelCloseWait: kernel ?? undefined });
  };
  const retention = retentionAnalysis(sockets, { maxHeapBytes: options.retentionMaxHeap, nodePath: options.retentionNode });
  const server = createStatusServer({
    token: options.token,
    status,
    metrics: prometheusMetrics(sockets, () => leakCounts(sockets)),
    retention,
  });
  statusServer = server;
  const sampler = setInterval(() => guarded('sample', () => sockets.sampleActivity()), ACTIVITY_SAMPLE_MS);
  sampler.unref();

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    clearInterval(sampler);
    stopTracking();
    sockets.clear();
    onStop();
    if (server.listening) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  };

  try {
    await listen(server, options);
  } catch (error) {
    warnOnce('listen', error);
    await stop();
    return { url: undefined, port: undefined, sockets, status, stop };
  }
  server.on('error', (error) => warnOnce('server', error));
  const own = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${own.port}/status`;
  if (options.announce) guarded('announce', () => process.stderr.write(`socket-hygiene probe: ${url}\n`));
  if (options.urlFile !== undefined) writeUrlFile(options.urlFile, url);
  return { url, port: own.port, sockets, status, stop };
}

/**
 * @param {import('node:http').Server} server
 * @param {ProbeOptions} options
 * @returns {Promise<void>}
 */
function listen(server, options) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // exclusive: cluster workers must each get their own port, never share the primary's handle
    server.listen({ port: options.port, host: options.host, exclusive: true }, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

/**
 * Writes the URL for whoever launched the program (the editor waits on this file). Written to a
 * temporary name and renamed, so a reader never sees half a URL; cluster workers leave it to the primary.
 * @param {string} file
 * @param {string} url
 */
function writeUrlFile(file, url) {
  guarded('url-file', () => {
    // @types/node declares the cluster object as the module's default export; require() returns the object itself
    const cluster = /** @type {import('node:cluster').Cluster} */ (/** @type {unknown} */ (require('node:cluster')));
    if (cluster.isWorker) return;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${url}\n`);
    fs.renameSync(temporary, file);
  });
}

module.exports = { start };
