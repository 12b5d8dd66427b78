// The control for `hostBlockedMs`: a worker that does no lint at all. It answers each request with a result
// it was given beforehand, after holding it for as long as a real lint took. The host's busy time over the
// same windows then says what the host thread pays with no lint running beside it: its own garbage
// collection (V8's memory reducer runs on the host's loop while it waits), other tasks on its loop, and the
// machine's waits for a core. A maximum the lint's own windows share with this control is not the lint's.
import { Worker } from 'node:worker_threads';

const HOLDER = `
const { parentPort } = require('node:worker_threads');
let result;
parentPort.on('message', (message) => {
  if (message.type === 'result') {
    result = message.result;
    parentPort.postMessage({ type: 'ready' });
    return;
  }
  setTimeout(() => parentPort.postMessage({ type: 'answer', id: message.id, result }), message.holdMs);
});
`;

/**
 * A worker that answers `hold(ms)` with `result` after `ms` without working.
 * @param {object} result what each answer carries (a real lint's result: the host deserializes the same)
 */
export async function startHeldAnswer(result) {
  const worker = new Worker(HOLDER, { eval: true });
  await new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', resolve);
    worker.postMessage({ type: 'result', result });
  });
  let id = 0;
  return {
    /** Resolves with the answer `holdMs` after asking, as a lint's result arrives. */
    hold(holdMs) {
      id += 1;
      const mine = id;
      return new Promise((resolve) => {
        const listener = (message) => {
          if (message.id !== mine) return;
          worker.off('message', listener);
          resolve(message.result);
        };
        worker.on('message', listener);
        // a timer fires no earlier than asked, and the answer's trip back adds a little: ask for 0.5 ms less
        worker.postMessage({ type: 'hold', id: mine, holdMs: Math.max(0, holdMs - 0.5) });
      });
    },
    dispose: () => worker.terminate(),
  };
}
