'use strict';

// The probe must never throw into the program it watches: its own failures become one warning
// per kind, so a broken /proc or a busy port is seen once and never floods stderr.

/** @type {Set<string>} */
const warnedKinds = new Set();

/**
 * @param {string} kind short name of what failed ('listen', 'track', 'close-wait', ...)
 * @param {unknown} error
 */
function warnOnce(kind, error) {
  if (warnedKinds.has(kind)) return;
  warnedKinds.add(kind);
  try {
    const message = error instanceof Error ? error.message : String(error);
    process.emitWarning(`socket-hygiene probe (${kind}): ${message}`, { code: 'SOCKET_HYGIENE_PROBE' });
  } catch {
    // emitWarning itself failed (a host --throw-deprecation setup cannot make this throw, but be sure)
  }
}

/**
 * Runs `work`, turning any throw into a one-time warning of `kind`.
 * @template T
 * @param {string} kind
 * @param {() => T} work
 * @returns {T | undefined}
 */
function guarded(kind, work) {
  try {
    return work();
  } catch (error) {
    warnOnce(kind, error);
    return undefined;
  }
}

module.exports = { warnOnce, guarded };
