'use strict';

// The retention analysis, run as its own process (node analysis-process.js <marker class> <ignored…>):
// reads a heap snapshot on stdin, writes {"retained": N, "groups": [...]} on stdout. The snapshot never
// touches the disk and the program being watched can kill this process at any time without harm.
const { HeapSnapshotParser } = require('./heap-snapshot-parser.js');
const { findRetainedSockets } = require('./retaining-paths.js');

const [markerClass, ...ignoredHolders] = process.argv.slice(2);
const parser = new HeapSnapshotParser();

process.stdin.on('data', (chunk) => parser.write(chunk));
process.stdin.on('end', () => {
  const snapshot = parser.end();
  const result = findRetainedSockets(snapshot, { markerClass: markerClass ?? '', ignoredHolders });
  process.stdout.write(`${JSON.stringify(result)}\n`);
});
