'use strict';

// The retention analysis, run as its own process (node analysis-process.js <marker class> <ignored…>):
// reads a heap snapshot on stdin, writes {"retained": N, "groups": [...]} on stdout. The snapshot never
// touches the disk and the program being watched can kill this process at any time without harm.
const { HeapSnapshotParser } = require('./heap-snapshot-parser.js');
const { findRetainedSockets } = require('./retaining-paths.js');

const [markerClass, ...ignoredHolders] = process.argv.slice(2);
const parser = new HeapSnapshotParser();

// Read first, parse after: the program's main thread waits on this pipe while V8 serialises the
// snapshot into it, so the pipe is drained as fast as it fills.
/** @type {Buffer[]} */
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  for (let i = 0; i < chunks.length; i++) {
    parser.write(/** @type {Buffer} */ (chunks[i]));
    chunks[i] = Buffer.alloc(0); // each chunk can go once read
  }
  const snapshot = parser.end();
  const result = findRetainedSockets(snapshot, { markerClass: markerClass ?? '', ignoredHolders });
  process.stdout.write(`${JSON.stringify(result)}\n`);
});
