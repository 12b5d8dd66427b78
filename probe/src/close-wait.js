'use strict';

const fs = require('node:fs');

// TCP state 08 in /proc/net/tcp{,6} is CLOSE_WAIT: the peer has closed its side and this process
// has not closed its own. A socket stuck there is the clearest sign of one the program forgot.
const CLOSE_WAIT = '08';

/**
 * Inodes of the CLOSE_WAIT sockets listed in one /proc/net/tcp or /proc/net/tcp6 text.
 * Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
 * @param {string} text
 * @returns {string[]}
 */
function closeWaitInodes(text) {
  /** @type {string[]} */
  const inodes = [];
  const lines = text.split('\n');
  for (let index = 1; index < lines.length; index++) {
    const columns = lines[index]?.trim().split(/\s+/);
    if (columns === undefined || columns.length < 10) continue;
    if (columns[3] === CLOSE_WAIT && columns[9] !== undefined) inodes.push(columns[9]);
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
 * @param {{ procNet?: string, fdDirectory?: string }} [paths]
 * @returns {number | undefined}
 */
function countCloseWait(paths = {}) {
  if (process.platform !== 'linux') return undefined;
  const procNet = paths.procNet ?? '/proc/self/net';
  /** @type {string[]} */
  const candidates = [];
  for (const table of ['tcp', 'tcp6']) {
    let text;
    try {
      text = fs.readFileSync(`${procNet}/${table}`, 'latin1');
    } catch {
      continue; // tcp6 is absent when IPv6 is disabled
    }
    candidates.push(...closeWaitInodes(text));
  }
  if (candidates.length === 0) return 0;
  const own = ownSocketInodes(paths.fdDirectory);
  return candidates.filter((inode) => own.has(inode)).length;
}

module.exports = { closeWaitInodes, ownSocketInodes, countCloseWait };
