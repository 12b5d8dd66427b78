// Worker thread or child process? The lint itself costs the same in either; what differs is carrying the
// request (the document's text) there and the result (problems with ranges and suggestion edits) back. This
// measures exactly that: the same payloads echoed through a worker thread (postMessage, structured clone) and
// through a child process (fork, IPC with 'advanced' serialisation, as vscode-eslint's server is reached over
// a pipe), alternating, with the host thread's busy time in each round trip.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

// The echo side answers each request with the result it was given beforehand, as a lint would.
const ECHO = `
let result;
const reply = (send) => (message) => {
  if (message.type === 'result') { result = message.result; send({ type: 'ready' }); return; }
  send({ type: 'linted', id: message.id, result });
};
if (process.send) process.on('message', reply((m) => process.send(m)));
else { const { parentPort } = require('node:worker_threads'); parentPort.on('message', reply((m) => parentPort.postMessage(m))); }
`;

function once(emitter, predicate) {
  return new Promise((resolve) => {
    const listener = (message) => {
      if (!predicate(message)) return;
      emitter.off('message', listener);
      resolve(message);
    };
    emitter.on('message', listener);
  });
}

/**
 * @param {{ request: object, result: object, runs: number, warmup: number }} options
 * @returns {Promise<{ worker: { ms: number[], hostMs: number[] }, child: { ms: number[], hostMs: number[] } }>}
 */
export async function measureTransport({ request, result, runs, warmup }) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-transport-'));
  const script = path.join(folder, 'echo.js');
  writeFileSync(script, ECHO);
  const worker = new Worker(script);
  const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ends = {
    worker: { emitter: worker, send: (message) => worker.postMessage(message) },
    child: { emitter: child, send: (message) => child.send(message) },
  };
  const times = { worker: { ms: [], hostMs: [] }, child: { ms: [], hostMs: [] } };
  try {
    for (const end of Object.values(ends)) {
      const ready = once(end.emitter, (message) => message.type === 'ready');
      end.send({ type: 'result', result });
      await ready;
    }
    let id = 0;
    for (let round = 0; round < warmup + runs; round += 1) {
      for (const name of round % 2 === 0 ? ['worker', 'child'] : ['child', 'worker']) {
        const end = ends[name];
        id += 1;
        const mine = id;
        const answered = once(end.emitter, (message) => message.id === mine);
        const utilization = performance.eventLoopUtilization();
        const started = performance.now();
        end.send({ type: 'lint', id: mine, key: 'file:///bench.js', request });
        const answer = await answered;
        const ms = performance.now() - started;
        const hostMs = performance.eventLoopUtilization(utilization).active;
        if (answer.result.problems.length !== result.problems.length) throw new Error(`the ${name} echo lost problems`);
        if (round >= warmup) {
          times[name].ms.push(ms);
          times[name].hostMs.push(hostMs);
        }
      }
    }
  } finally {
    await worker.terminate();
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
  return times;
}
