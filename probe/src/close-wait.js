'use strict';

const fs = require('node:fs');

// TCP state 08 in /proc/net/tcp{,6} is CLOSE_WAIT: the peer has closed its side and this process
// has not closed its own. A socket stuck there is the clearest sign of one the program forgot.
const CLOSE_WAIT = '08';

/**
 * Inodes of the CLOSE_WAIT sockets listed in one /proc/net/tcp or /proc/net/tcp6 text.
 * Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
 * The table lists every socket of the network namespace (tens of thousands in TIME_WAIT on a busy
 * machine), so only the lines holding the token " 08 " are split: it can only be the state column,
 * the other columns being longer hex runs or unpadded decimals.
 * @param {string} text
 * @returns {string[]}
 */
function closeWaitInodes(text) {
  /** @type {string[]} */
  const inodes = [];
  let at = text.indexOf(` ${CLOSE_WAIT} `);
  while (at !== -1) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const columns = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd).trim().split(/\s+/);
    if (columns[3] === CLOSE_WAIT && columns[9] !== undefined) inodes.push(columns[9]);
    if (lineEnd === -1) break;
    at = text.indexOf(` ${CLOSE_WAIT} `, lineEnd);
  }
  return inodes;
}

/**
 * Socket inodes this process holds open, from the `socket:[inode]` links in /proc/self/fd.
 * Synchronous on purpose: it runs only when /status or /metrics is asked for, and a few thousand
 * readlink calls take a millisecond, less than handing each one to the thread pool.
 * @param {string} [fdDirectory]
 * @returns {Set<string>}
 */
function ownSocketInodes(fdDirectory = '/proc/self/fd') {
  /** @type {Set<string>} */
  const inodes = new Set();
  for (const fd of fs.readdirSync(fdDirectory)) {
    let target;
    try {
      target = fs.readlinkSync(`${fdDirectory}/${fd}`);
    } catch {
      continue; // the fd was closed between readdir and readlink (or was readdir's own)
    }
    if (target.startsWith('socket:[')) inodes.add(target.slice(8, -1));
  }
  return inodes;
}

/**
 * How many of this process's TCP sockets sit in CLOSE_WAIT; undefined where /proc is not there (not Linux).
 * The kernel builds /proc/net/tcp by walking every socket of the namespace, which takes a hundred
 * milliseconds and more on a busy machine: the tables are read off the event loop (fs.promises).
 * @param {{ procNet?: string, fdDirectory?: string }} [paths]
 * @returns {Promise<number | undefined>}
 */
async function countCloseWait(paths = {}) {
  if (process.platform !== 'linux') return undefined;
  const procNet = paths.procNet ?? '/proc/self/net';
  const tables = await Promise.all(
    ['tcp', 'tcp6'].map((table) => fs.promises.readFile(`${procNet}/${table}`, 'latin1').catch(() => '')),
  );
  const candidates = tables.flatMap(closeWaitInodes);
  if (candidates.length === 0) return 0;
  const own = ownSocketInodes(paths.fdDirectory);
  return candidates.filter((inode) => own.has(inode)).length;
}

/**
 * Shares one CLOSE_WAIT reading between /status and /metrics, and keeps the kernel's cost bounded:
 * the next read waits at least `minAgeMs`, and longer when the last read was slow (50x its duration,
 * so at most 2 % of the time goes to it), but never more than `maxAgeMs`. Concurrent requests share one read.
 * @param {{ minAgeMs: number, maxAgeMs: number }} ages
 * @param {() => Promise<number | undefined>} [read]
 * @returns {() => Promise<number | undefined>}
 */
function cachedCloseWait({ minAgeMs, maxAgeMs }, read = countCloseWait) {
  /** @type {Promise<number | undefined> | undefined} */
  let reading;
  let nextReadAt = -Infinity;
  return () => {
    const startedAt = performance.now();
    if (reading === undefined || startedAt >= nextReadAt) {
      nextReadAt = Infinity; // until this read finishes
      reading = read().finally(() => {
        const duration = performance.now() - startedAt;
        nextReadAt = startedAt + Math.min(maxAgeMs, Math.max(minAgeMs, 50 * duration));
      });
    }
    return reading;
  };
}

module.exports = { closeWaitInodes, ownSocketInodes, countCloseWait, cachedCloseWait };
