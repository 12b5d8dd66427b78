'use strict';

const { warnOnce } = require('./warn-once.js');

/**
 * @typedef {object} ProbeOptions
 * @property {number} port TCP port of the status server; 0 asks the OS for a free one, so workers never collide
 * @property {string} host address the status server binds to
 * @property {string | undefined} token when set, both endpoints need `Authorization: Bearer <token>`
 * @property {string | undefined} urlFile file that receives the status URL once the server listens
 * @property {boolean} announce print the URL on stderr
 */

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
 * @param {string | undefined} text
 * @returns {string | undefined}
 */
function nonEmpty(text) {
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

module.exports = { optionsFromEnv };
