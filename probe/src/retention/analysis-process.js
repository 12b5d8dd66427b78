'use strict';

// The retention analysis, run as its own process
// (node analysis-process.js <marker class> <max table bytes> <ignored holder class…>):
// parses a heap snapshot from stdin as it arrives, then writes {"retained": N, "groups": [...]} on stdout.
// The snapshot never touches the disk and the program being watched can kill this process at any time
// without harm.
//
// Two threads. The program waits on the pipe while V8 serialises into it (a socket pair with a few
// hundred KiB of buffer), so this process's main thread does nothing but read it, and it is ready for
// the next chunk as soon as the system schedules it. A worker thread (this same file) parses the chunks
// as they come: into tables the size of the heap's graph, not of the text. Between the two, at most
// MAX_BACKLOG_BYTES of text wait for the parser; past that, reading pauses and the program waits.
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');

const MAX_BACKLOG_BYTES = 64 * 2 ** 20;
const ACK_EVERY_BYTES = 4 * 2 ** 20;

/** @param {unknown} error */
function fail(error) {
  process.stderr.write(`socket-hygiene retention analysis: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1); // the program sees the pipe close and answers 503 with this message
}

if (isMainThread) readSnapshot();
else parseSnapshot(/** @type {import('node:worker_threads').MessagePort} */ (parentPort));

function readSnapshot() {
  const [markerClass = '', maxTableBytes = 'Infinity', ...ignoredHolders] = process.argv.slice(2);
  // In the probe's one-file bundle this file is the bundle itself; its register entry leads back here.
  const parser = new Worker(__filename, { workerData: { markerClass, maxTableBytes: Number(maxTableBytes), ignoredHolders } });
  let sent = 0;
  let parsed = 0;
  let finished = false;
  parser.on('message', (/** @type {{ parsed?: number, result?: unknown, error?: string }} */ message) => {
    if (message.error !== undefined) fail(message.error);
    else if (message.result !== undefined) {
      finished = true;
      process.stdout.write(`${JSON.stringify(message.result)}\n`, () => process.exit(0));
    } else if (message.parsed !== undefined) {
      parsed = message.parsed;
      if (process.stdin.isPaused() && sent - parsed < MAX_BACKLOG_BYTES / 2) process.stdin.resume();
    }
  });
  parser.on('error', fail);
  parser.on('exit', (code) => finished || fail(`the parser thread stopped (exit code ${code})`));
  process.stdin.on('data', (/** @type {Buffer} */ chunk) => {
    sent += chunk.length;
    // hand the chunk's memory over when it is the chunk's alone, else a copy
    const own = chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.length;
    const bytes = own ? new Uint8Array(chunk.buffer) : new Uint8Array(chunk);
    parser.postMessage(bytes, [/** @type {ArrayBuffer} */ (bytes.buffer)]);
    if (sent - parsed > MAX_BACKLOG_BYTES) process.stdin.pause();
  });
  process.stdin.on('end', () => parser.postMessage('end'));
}

/** @param {import('node:worker_threads').MessagePort} port */
function parseSnapshot(port) {
  const { HeapSnapshotParser } = require('./heap-snapshot-parser.js');
  const { findRetainedSockets } = require('./retaining-paths.js');
  /** @type {{ markerClass: string, maxTableBytes: number, ignoredHolders: string[] }} */
  const { markerClass, maxTableBytes, ignoredHolders } = workerData;
  const parser = new HeapSnapshotParser({ maxTableBytes });
  let parsed = 0;
  let acked = 0;
  port.on('message', (/** @type {Uint8Array | 'end'} */ message) => {
    try {
      if (message === 'end') {
        const result = findRetainedSockets(parser.end(), { markerClass, ignoredHolders });
        port.postMessage({ result });
        return;
      }
      parser.write(message);
      parsed += message.length;
      if (parsed - acked >= ACK_EVERY_BYTES) {
        acked = parsed;
        port.postMessage({ parsed });
      }
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}
