'use strict';

const { warnOnce } = require('./warn-once.js');

/**
 * @typedef {object} ProbeOptions
 * @property {number} port TCP port of the status server; 0 asks the OS for a free one, so workers never collide
 * @property {string} host address the status server binds to
 * @property {string | undefined} token when set, both endpoints need `Authorization: Bearer <token>`
 * @property {string | undefined} urlFile file that receives the status URL once the server listens
 * @property {boolean} announce print the URL on stderr
 * @property {number} retentionMaxHeap POST /retention refuses above this many bytes of used heap
 * @property {string | undefined} retentionNode the node executable that runs the retention analysis (default: this one)
 */

const DEFAULT_RETENTION_MAX_HEAP = 512 * 1024 * 1024;

/**
 * Reads the probe's options from the environment (what `--require socket-hygiene-probe/register` uses).
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {ProbeOptions}
 */
function optionsFromEnv(env = process.env) {
  return {
    port: portFrom(env.SOCKET_HYGIENE_PORT),
    host: nonEmpty(env.SOCKET_HYGIENE_HOST) ?? '127.0.0.1',
    token: nonEmpty(env.SOCKET_HYGIENE_TOKEN),
    urlFile: nonEmpty(env.SOCKET_HYGIENE_URL_FILE),
    announce: true,
    retentionMaxHeap: bytesFrom(env.SOCKET_HYGIENE_RETENTION_MAX_HEAP),
    retentionNode: nonEmpty(env.SOCKET_HYGIENE_RETENTION_NODE),
  };
}

/**
 * @param {string | undefined} text
 * @returns {number}
 */
function portFrom(text) {
  if (text === undefined || text.trim() === '') return 0;
  const port = Number(text);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  warnOnce('options', new Error(`SOCKET_HYGIENE_PORT=${JSON.stringify(text)} is not a port; using an ephemeral port`));
  return 0;
}

/**
 * A byte count: a plain number, or with a K/M/G (KiB, MiB, GiB) suffix, e.g. `512M`.
 * @param {string | undefined} text
 * @returns {number}
 */
function bytesFrom(text) {
  if (text === undefined || text.trim() === '') return DEFAULT_RETENTION_MAX_HEAP;
  const match = /^(\d+(?:\.\d+)?)\s*([KMG]?)i?B?$/i.exec(text.trim());
  if (match) {
    const scale = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[/** @type {'' | 'K' | 'M' | 'G'} */ ((match[2] ?? '').toUpperCase())];
    return Math.round(Number(match[1]) * scale);
  }
  warnOnce('options', new Error(`SOCKET_HYGIENE_RETENTION_MAX_HEAP=${JSON.stringify(text)} is not a size; using 512M`));
  return DEFAULT_RETENTION_MAX_HEAP;
}

/**
 * @param {string | undefined} text
 * @returns {string | undefined}
 */
function nonEmpty(text) {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

module.exports = { optionsFromEnv };
