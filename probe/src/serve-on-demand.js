'use strict';

// What the register entry starts. Normally the probe at once. With SOCKET_HYGIENE_ON_DEMAND=1 (set by the
// editor when NODE_OPTIONS carries the probe into every Node process of an npm script), only a process
// that opens a TCP server or TCP socket of its own serves a status endpoint; npm itself, compilers and
// watchers stay silent. With SOCKET_HYGIENE_URL_DIR each serving process writes `<pid>.json` there.

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { guarded } = require('./warn-once.js');

// How often an on-demand process looks for TCP handles the listen hook cannot see (client sockets).
const HANDLE_CHECK_MS = 500;
const NETWORK_HANDLES = ['TCPServerWrap', 'TCPSocketWrap'];

/**
 * @typedef {object} UrlRecord what `<pid>.json` holds
 * @property {string} url the /status URL
 * @property {number} pid
 * @property {string} script the program's main script (process.argv[1]), or the executable when there is none
 */

/**
 * @param {NodeJS.ProcessEnv} [env]
 */
function serveOnDemand(env = process.env) {
  const urlDir = env.SOCKET_HYGIENE_URL_DIR?.trim() || undefined;
  if (env.SOCKET_HYGIENE_ON_DEMAND !== '1') {
    serve(urlDir);
    return;
  }
  let started = false;
  const begin = () => {
    if (started) return;
    started = true;
    clearInterval(check);
    unhook();
    serve(urlDir);
  };
  // A server is seen as it starts listening, before it can accept a connection the probe would miss.
  const unhook = hookListen(begin);
  const check = setInterval(
    () => guarded('on-demand', () => NETWORK_HANDLES.some((handle) => process.getActiveResourcesInfo().includes(handle)) && begin()),
    HANDLE_CHECK_MS,
  );
  check.unref();
}

/**
 * @param {string | undefined} urlDir
 */
function serve(urlDir) {
  // Required only here: a process that never serves never loads the probe's server or prom-client.
  const probe = require('./index.js').start();
  if (urlDir === undefined) return;
  void probe.then((running) => {
    // @types/node declares the cluster object as the module's default export; require() returns the object itself
    const cluster = /** @type {import('node:cluster').Cluster} */ (/** @type {unknown} */ (require('node:cluster')));
    if (running.url === undefined || cluster.isWorker) return;
    const script = process.argv[1] ?? process.execPath;
    writeRecord(urlDir, { url: running.url, pid: process.pid, script });
  });
}

/**
 * Calls `onListening` once a net.Server (http, https, tls included) listens on a TCP port, not on a pipe.
 * @param {() => void} onListening
 * @returns {() => void} removes the hook (only if nobody wrapped the method after it)
 */
function hookListen(onListening) {
  const original = net.Server.prototype.listen;
  const listen = /** @type {typeof original} */ (
    /** @this {net.Server} @param {any[]} args */
    function listen(...args) {
      this.once('listening', () => guarded('on-demand', () => typeof this.address() === 'object' && this.address() !== null && onListening()));
      return Reflect.apply(original, this, args);
    }
  );
  net.Server.prototype.listen = listen;
  return () => {
    if (net.Server.prototype.listen === listen) net.Server.prototype.listen = original;
  };
}

/**
 * Written to a temporary name and renamed, so the editor never reads half a record.
 * @param {string} dir
 * @param {UrlRecord} record
 */
function writeRecord(dir, record) {
  guarded('url-file', () => {
    const file = path.join(dir, `${record.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(record)}\n`);
    fs.renameSync(`${file}.tmp`, file);
  });
}

module.exports = { serveOnDemand };
