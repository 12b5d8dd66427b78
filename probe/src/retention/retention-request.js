'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const { setImmediate: nextTurn } = require('node:timers/promises');
const { sendSnapshot } = require('./snapshot-transfer.js');

/** @typedef {import('../socket-registry.js').SocketRegistry} SocketRegistry */
/** @typedef {import('./retaining-paths.js').RetentionGroup} RetentionGroup */
/** @typedef {{ status: number, body: { error: string } | { retainedAfterClose: number, groups: RetentionGroup[] } }} RetentionAnswer */

// A class whose name nothing else uses: its instances in the heap snapshot are the probe's tags. Named
// through a property key, which minifiers keep (a bundler may rename a class declaration's own name).
const { SocketHygieneClosedSocketTag } = { SocketHygieneClosedSocketTag: class {} };
const TAG = Symbol('socket-hygiene closed socket');
// The analysis entry: this folder's analysis-process.js, or, in a one-file bundle of the probe (the
// extension's dist/probe/register.js, where __filename is the bundle), the bundle itself, whose register
// entry runs the analysis when SOCKET_HYGIENE_RETENTION_ANALYSIS=1.
const ANALYSIS_FILE = path.join(__dirname, 'analysis-process.js');
const ANALYSIS = fs.existsSync(ANALYSIS_FILE) ? ANALYSIS_FILE : __filename;
const ANALYSIS_TIMEOUT_MS = 120_000;
const MAX_ANSWER_BYTES = 1024 * 1024;
// Size limits, as multiples of SOCKET_HYGIENE_RETENTION_MAX_HEAP. The snapshot's text runs to a few times
// the heap (every edge is a line of numbers); past 16 times something is wrong, and the program's stall
// would be long anyway. The analysis keeps the node and edge tables (4 bytes a number), at most about
// 3.5 times the heap for heaps of small objects: it refuses a snapshot whose header promises more than 4.
const MAX_TEXT_PER_HEAP_BYTE = 16;
const MAX_TABLES_PER_HEAP_BYTE = 4;

/**
 * POST /retention: which closed sockets the program still holds, and through which variables.
 * The main thread stops only while V8 takes and serialises the snapshot; the text streams through a pipe
 * to a child process that parses it and finds the paths. The snapshot holds every secret of the program:
 * it is never written to a file, never sent anywhere but that pipe, and the answer carries only names,
 * counts and locations. No inspector port is opened.
 * @param {SocketRegistry} registry
 * @param {{ maxHeapBytes: number, nodePath?: string, timeoutMs?: number }} options
 * @returns {() => Promise<RetentionAnswer>}
 */
function retentionAnalysis(registry, { maxHeapBytes, nodePath = process.execPath, timeoutMs = ANALYSIS_TIMEOUT_MS }) {
  let running = false;
  return async () => {
    if (running) return refuse(409, 'a retention analysis is already running; ask again when it has answered');
    const used = v8.getHeapStatistics().used_heap_size;
    if (used > maxHeapBytes) {
      return refuse(
        413,
        `the heap holds ${mib(used)} MiB, over the limit of ${mib(maxHeapBytes)} MiB for a retention analysis ` +
          '(SOCKET_HYGIENE_RETENTION_MAX_HEAP): a heap snapshot would stop the program too long and need as much memory again',
      );
    }
    running = true;
    try {
      return await analyse(registry, { nodePath, timeoutMs, maxHeapBytes });
    } finally {
      running = false;
    }
  };
}

/**
 * @param {SocketRegistry} registry
 * @param {{ nodePath: string, timeoutMs: number, maxHeapBytes: number }} options
 * @returns {Promise<RetentionAnswer>}
 */
async function analyse(registry, { nodePath, timeoutMs, maxHeapBytes }) {
  const analysis = await startAnalysis(nodePath, MAX_TABLES_PER_HEAP_BYTE * maxHeapBytes);
  if ('error' in analysis) return refuse(503, `the retention analysis process could not start: ${analysis.error}`);
  const { child, answer } = analysis;
  let timedOut = false;
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  // Armed once the snapshot is all written out: V8's own time (the program's stall) is not the child's.
  const armTimeout = () => {
    timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    timer.unref();
  };
  let tagged = false;
  try {
    tagClosedSockets(registry);
    tagged = true;
    // The tagging job dereferenced every closed socket; only a later job's snapshot can see them collected.
    await nextTurn();
    const sent = sendSnapshot(child, { maxTextBytes: MAX_TEXT_PER_HEAP_BYTE * maxHeapBytes });
    sent.then(armTimeout, armTimeout);
    const result = await answer;
    const givenUp = await sent;
    await nextTurn();
    tagged = false;
    const retainedAfterClose = untagAndRecount(registry);
    if (timedOut) return refuse(503, `the retention analysis took longer than ${Math.round(timeoutMs / 1000)} s after the snapshot and was stopped; the program was not affected`);
    if (givenUp !== undefined) return refuse(503, givenUp);
    if ('error' in result) return refuse(503, result.error);
    return { status: 200, body: { retainedAfterClose, groups: result.groups } };
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (tagged) untag(registry); // the snapshot failed: leave no tag behind
  }
}

/**
 * @param {string} nodePath
 * @param {number} maxTableBytes
 * @returns {Promise<{ error: string } | { child: import('node:child_process').ChildProcessWithoutNullStreams, answer: Promise<{ error: string } | { retained: number, groups: RetentionGroup[] }> }>}
 */
function startAnalysis(nodePath, maxTableBytes) {
  // Not the program's NODE_OPTIONS: a --require of the probe (or of anything) has no place in the analysis.
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, SOCKET_HYGIENE_RETENTION_ANALYSIS: '1' };
  delete env.NODE_OPTIONS;
  return new Promise((resolve) => {
    let child;
    try {
      const args = [SocketHygieneClosedSocketTag.name, String(maxTableBytes), 'SocketRegistry', 'RetainedAfterClose'];
      child = spawn(nodePath, [ANALYSIS, ...args], {
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      resolve({ error: messageOf(error) });
      return;
    }
    const started = child;
    started.once('error', (error) => resolve({ error: messageOf(error) }));
    started.once('spawn', () => {
      started.stdin.on('error', () => {}); // EPIPE once the analysis is gone: its exit says why
      let stdout = '';
      let stderr = '';
      started.stdout.setEncoding('utf8').on('data', (text) => {
        if (stdout.length < MAX_ANSWER_BYTES) stdout += text;
      });
      started.stderr.setEncoding('utf8').on('data', (text) => {
        if (stderr.length < 4096) stderr += text;
      });
      const answer = new Promise((done) => {
        started.once('close', (code, signal) => {
          if (code === 0) {
            try {
              done(JSON.parse(stdout));
              return;
            } catch {
              // fall through: an answer that is not JSON is a failure too
            }
          }
          const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
          const why = lastLine(stderr);
          done({ error: `the retention analysis process ${how}${why ? `: ${why}` : ''}; the program was not affected` });
        });
      });
      resolve({ child: started, answer: /** @type {any} */ (answer) });
    });
  });
}

/**
 * Tags every closed socket still reachable now. The tag is a property of the socket (an edge out of
 * it), so it keeps nothing alive; the socket array dies with this function's frame.
 * @param {SocketRegistry} registry
 */
function tagClosedSockets(registry) {
  for (const socket of registry.retainedAfterClose.reachableNow()) {
    /** @type {any} */ (socket)[TAG] = new SocketHygieneClosedSocketTag();
  }
}

/**
 * After the snapshot's full collections, which all started after every 'close': the exact count.
 * @param {SocketRegistry} registry
 */
function untagAndRecount(registry) {
  untag(registry);
  return registry.retainedAfterClose.recountAfterFullCollection();
}

/** @param {SocketRegistry} registry */
function untag(registry) {
  for (const socket of registry.retainedAfterClose.reachableNow()) delete (/** @type {any} */ (socket)[TAG]);
}

/** @param {number} status @param {string} error @returns {RetentionAnswer} */
function refuse(status, error) {
  return { status, body: { error } };
}

/** @param {number} bytes */
const mib = (bytes) => Math.round(bytes / 1024 / 1024);

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @param {string} text */
function lastLine(text) {
  const lines = text.trim().split('\n').filter((line) => line.trim() !== '');
  return lines.find((line) => /Error|heap/i.test(line))?.trim() ?? lines[lines.length - 1]?.trim() ?? '';
}

module.exports = { retentionAnalysis, SocketHygieneClosedSocketTag };
