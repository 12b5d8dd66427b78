// The lint worker: a worker thread that owns the lint core (ESLint, the plugin, the TypeScript parser), so
// that no lint ever runs on the extension host's thread. Requests are answered in the order they came, except
// that a lint whose document already has a newer text waiting is answered `dropped` without running.
import { parentPort } from 'node:worker_threads';
import { LintEngine } from '../engine';
import { fixAll } from '../fix-all';
import { isTypeScriptFile } from '../module-kind';
import { DEFAULT_SETTINGS } from '../settings';
import { WARM_UP_ROUNDS, warmUpText } from '../warm-up';
import type { FromWorker, ToWorker } from './protocol';
import { LINT_WORKER_NICE_INCREMENT, lowerThreadPriority } from './thread-priority';

const port = parentPort;
if (!port) throw new Error('lint-worker.js runs as a worker thread of the extension host');

// Lints are background work: the host's thread, which every extension shares, goes first (thread-priority.ts).
lowerThreadPriority(LINT_WORKER_NICE_INCREMENT);

const engine = new LintEngine();
const queue: ToWorker[] = [];
let draining = false;

function answer(message: FromWorker): void {
  port!.postMessage(message);
}

/** True when a later lint of the same document waits in the queue: this one's answer would be stale. */
function isSuperseded(message: ToWorker, index: number): boolean {
  if (message.type !== 'lint') return false;
  for (let later = index + 1; later < queue.length; later += 1) {
    const other = queue[later]!;
    if (other.type === 'lint' && other.key === message.key) return true;
  }
  return false;
}

async function handle(message: ToWorker): Promise<void> {
  try {
    switch (message.type) {
      case 'lint':
        answer({ type: 'linted', id: message.id, result: await engine.lint(message.request) });
        return;
      case 'fixAll': {
        const { request } = message;
        const result = await fixAll(request.text, async (text) => (await engine.lint({ ...request, text })).problems, {
          ...(message.firstProblems ? { firstProblems: message.firstProblems } : {}),
        });
        answer({ type: 'fixed', id: message.id, result });
        return;
      }
      case 'prepare':
        await engine.prepare(message.fileName);
        answer({ type: 'done', id: message.id });
        await warmUp(message.fileName);
        return;
      case 'forgetModuleKinds':
        engine.moduleKinds.clear();
        answer({ type: 'done', id: message.id });
        return;
    }
  } catch (error) {
    answer({ type: 'failed', id: message.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

const warmedUp = new Set<boolean>();

/**
 * Lints the warm-up text (warm-up.ts) in the language of `fileName`, once per language, a round per turn of the
 * event loop, as a CommonJS file and an ES module in turn (ESLint's scope analysis differs); a request that
 * arrives meanwhile ends the warm-up, so nobody waits for more than the round under way.
 */
async function warmUp(fileName: string): Promise<void> {
  const typeScript = isTypeScriptFile(fileName);
  if (warmedUp.has(typeScript)) return;
  warmedUp.add(typeScript);
  const request = {
    text: warmUpText(typeScript),
    fileName: typeScript ? '/socket-hygiene-warm-up.ts' : '/socket-hygiene-warm-up.js',
    settings: { rules: DEFAULT_SETTINGS.rules, strict: DEFAULT_SETTINGS.strict },
    moduleKind: typeScript ? ('module' as const) : ('commonjs' as const),
  };
  const otherKind = request.moduleKind === 'module' ? ('commonjs' as const) : ('module' as const);
  for (let round = 0; round < WARM_UP_ROUNDS; round += 1) {
    if (round > 0) await new Promise((resolve) => setImmediate(resolve));
    if (queue.length > 0) return;
    try {
      engine.lintLoaded(round % 2 === 0 ? request : { ...request, moduleKind: otherKind });
    } catch {
      return; // only a warm-up: the real lints report their own failures
    }
  }
}

/**
 * One request per turn of the event loop: messages that arrived during a lint are queued (the poll phase)
 * before the next one is taken (the check phase), so a burst of edits costs one lint, not one per edit.
 */
async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    while (queue.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      const message = queue[0]!;
      if (isSuperseded(message, 0)) {
        queue.shift();
        answer({ type: 'dropped', id: message.id });
        continue;
      }
      queue.shift();
      await handle(message);
    }
  } finally {
    draining = false;
  }
}

port.on('message', (message: ToWorker) => {
  queue.push(message);
  void drain();
});

// ESLint and the plugin load (and run once on the warm-up text) while the host is still busy opening the first file.
queue.push({ type: 'prepare', id: -1, fileName: 'warm-up.js' });
void drain();
