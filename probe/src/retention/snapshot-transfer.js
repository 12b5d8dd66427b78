'use strict';

// Takes a heap snapshot and writes its text into the analysis process's stdin chunk by chunk, as V8
// serialises it, without the program ever holding more than one chunk.
//
// Why not `v8.getHeapSnapshot().pipe(child.stdin)`: Node serialises the whole snapshot synchronously at
// the stream's first read, pushing each chunk while the serialiser runs; a Readable buffers what is
// pushed during its own read, so every 'data' event comes only after the last chunk, with the whole text
// (gigabytes for a 200 MB heap) in the program, and the growing external memory triggers extra full
// collections in the middle of it. So this stream's own `push` is replaced (on this one instance, which
// the probe created) by a function that writes each chunk into the pipe as it comes. The pipe's descriptor
// is non-blocking: a full pipe is retried after a short wait, and a reader that makes no progress for
// STALLED_WRITE_MS is given up (the caller kills it), so the program can never hang on it.

const fs = require('node:fs');
const v8 = require('node:v8');

const STALLED_WRITE_MS = 10_000;
const nap = new Int32Array(new SharedArrayBuffer(4));

/**
 * @param {import('node:child_process').ChildProcessWithoutNullStreams} child
 * @param {{ maxTextBytes: number }} limits stop (and say so) once the text passes this many bytes
 * @returns {Promise<string | undefined>} once the snapshot is written out: why the transfer was given up,
 *   or undefined (also when the reader died: its own exit says why)
 */
function sendSnapshot(child, { maxTextBytes }) {
  const fd = /** @type {{ _handle?: { fd?: number } }} */ (/** @type {unknown} */ (child.stdin))._handle?.fd;
  if (process.platform === 'win32' || typeof fd !== 'number' || fd < 0) return pipeSnapshot(child);
  const snapshot = v8.getHeapSnapshot(); // the main thread stops here while V8 takes it
  /** @type {string | undefined} */
  let givenUp;
  let readerGone = false;
  let sent = 0;
  /** @param {Buffer} chunk */
  const send = (chunk) => {
    if (givenUp !== undefined || readerGone) return; // V8 serialises to the end regardless: drop the rest
    sent += chunk.length;
    if (sent > maxTextBytes) {
      givenUp = `the heap snapshot's text passed ${Math.round(maxTextBytes / 2 ** 20)} MiB and the analysis was stopped; the program was not affected`;
    } else {
      const outcome = writeAll(fd, chunk);
      if (outcome === 'stalled') givenUp = `the retention analysis process read nothing for ${STALLED_WRITE_MS / 1000} s and was stopped; the program was not affected`;
      else if (outcome === 'gone') readerGone = true;
    }
    if (givenUp !== undefined) child.kill('SIGKILL');
  };
  const streamPush = snapshot.push;
  snapshot.push = (chunk, encoding) => {
    if (chunk === null || chunk === undefined) return streamPush.call(snapshot, chunk, encoding);
    send(/** @type {Buffer} */ (chunk));
    return true;
  };
  // Where a Node version hands chunks over some other way than push(), they still come here, only later.
  snapshot.on('data', send);
  return new Promise((resolve) => {
    snapshot.once('error', (error) => {
      child.kill('SIGKILL');
      resolve(`the heap snapshot failed: ${error.message}`);
    });
    snapshot.once('end', () => {
      if (!readerGone && givenUp === undefined) child.stdin.end();
      resolve(givenUp);
    });
  });
}

/**
 * Writes all of `chunk` to a non-blocking descriptor, waiting briefly whenever the pipe is full.
 * @param {number} fd @param {Buffer} chunk
 * @returns {'written' | 'gone' | 'stalled'}
 */
function writeAll(fd, chunk) {
  let offset = 0;
  let progressAt = 0;
  let waits = 0;
  while (offset < chunk.length) {
    try {
      offset += fs.writeSync(fd, chunk, offset);
      waits = 0;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EAGAIN') return 'gone';
      // Date.now() only once the reader is slow: a pipe that drains in microseconds costs no clock reads
      if (waits === 0) progressAt = Date.now();
      else if (Date.now() - progressAt > STALLED_WRITE_MS) return 'stalled';
      // first waits short (the reader is usually busy for well under a millisecond), then 1 ms
      Atomics.wait(nap, 0, 0, waits < 20 ? 0.05 : 1);
      waits++;
    }
  }
  return 'written';
}

/**
 * Where the pipe's descriptor is not at hand (Windows): an ordinary stream pipe, which holds the text in
 * the program until the pipe drains.
 * @param {import('node:child_process').ChildProcessWithoutNullStreams} child
 * @returns {Promise<string | undefined>}
 */
function pipeSnapshot(child) {
  const snapshot = v8.getHeapSnapshot();
  return new Promise((resolve) => {
    snapshot.on('error', (error) => {
      child.kill('SIGKILL');
      resolve(`the heap snapshot failed: ${error.message}`);
    });
    child.stdin.on('error', () => snapshot.destroy()); // EPIPE: the analysis died; its exit says why
    snapshot.on('end', () => resolve(undefined));
    snapshot.pipe(child.stdin);
  });
}

module.exports = { sendSnapshot };
