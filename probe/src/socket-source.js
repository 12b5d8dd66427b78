'use strict';

const path = require('node:path');

// Where a socket comes from, in the program's own code: the first stack frame that is neither Node's
// (node:*), nor a package's (node_modules), nor the probe's. A server's location is taken once, when it
// starts listening; a client socket's when it connects. Client sockets come from a few call sites opening
// many sockets, so the structured call sites are read (cheap) and the formatted location is cached per
// call site: no stack string is ever built.

const PROBE_DIR = __dirname + path.sep; // probe/src/: the probe's own frames
const STACK_DEPTH = 30;

/** @type {Map<string, string>} call-site key → location, bounded */
const locations = new Map();
const MAX_CACHED = 1000;

/** @param {Error} _error @param {NodeJS.CallSite[]} callSites */
const structured = (_error, callSites) => callSites;

/**
 * The program's own call site that led here, as `file:line:column`, or null when every frame is
 * Node's, a package's or the probe's (e.g. a server created on a timer inside node_modules).
 * @param {Function} [below] frames from this function up are left out
 * @returns {string | null}
 */
function programLocation(below = programLocation) {
  const holder = /** @type {{ stack?: NodeJS.CallSite[] }} */ ({});
  const { prepareStackTrace, stackTraceLimit } = Error;
  try {
    Error.prepareStackTrace = structured;
    Error.stackTraceLimit = STACK_DEPTH;
    Error.captureStackTrace(holder, below);
    const callSites = holder.stack;
    if (!Array.isArray(callSites)) return null;
    for (const callSite of callSites) {
      const file = callSite.getFileName();
      if (file === undefined || file === null || !isProgramFile(file)) continue;
      const line = callSite.getLineNumber() ?? 0;
      const column = callSite.getColumnNumber() ?? 0;
      const key = `${file}\0${line}\0${column}`;
      let location = locations.get(key);
      if (location === undefined) {
        location = `${file}:${line}:${column}`;
        if (locations.size >= MAX_CACHED) locations.clear();
        locations.set(key, location);
      }
      return location;
    }
    return null;
  } catch {
    return null;
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** @param {string} file as V8 reports it: an absolute path, a file:// URL, node:…, or evalmachine/anonymous names */
function isProgramFile(file) {
  if (file.startsWith('node:') || file.includes('node_modules')) return false;
  const local = file.startsWith('file://') ? decodeURIComponent(file.slice(7)) : file;
  if (local.startsWith(PROBE_DIR)) return false;
  return path.isAbsolute(local);
}

module.exports = { programLocation, isProgramFile };
