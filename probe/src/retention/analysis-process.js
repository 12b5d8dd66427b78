'use strict';

// The retention analysis, run as its own process
// (node analysis-process.js <marker class> <max table bytes> <ignored holder class…>):
// parses a heap snapshot from stdin as it arrives, then writes {"retained": N, "groups": [...]} on stdout.
// The snapshot never touches the disk and the program being watched can kill this process at any time
// without harm. Parsing as the text comes (instead of reading it all first) keeps this process's memory
// at the size of the tables, not of the text (several times larger); the parser is fast enough to keep
// up with V8's serialiser, which is what the program waits on.
const { HeapSnapshotParser } = require('./heap-snapshot-parser.js');
const { findRetainedSockets } = require('./retaining-paths.js');

const [markerClass = '', maxTableBytes = 'Infinity', ...ignoredHolders] = process.argv.slice(2);
const parser = new HeapSnapshotParser({ maxTableBytes: Number(maxTableBytes) });

/** @param {unknown} error */
function fail(error) {
  process.stderr.write(`socket-hygiene retention analysis: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1); // the program sees the pipe close and answers 503 with this message
}

process.stdin.on('data', (/** @type {Buffer} */ chunk) => {
  try {
    parser.write(chunk);
  } catch (error) {
    fail(error);
  }
});
process.stdin.on('end', () => {
  try {
    const result = findRetainedSockets(parser.end(), { markerClass, ignoredHolders });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    fail(error);
  }
});
