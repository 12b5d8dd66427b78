// The lint worker: a worker thread that owns the lint core (ESLint, the plugin, the TypeScript parser), so
// that no lint ever runs on the extension host's thread. Requests are answered in the order they came, except
// that a lint whose document already has a newer text waiting is answered `dropped` without running.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Linter } from 'eslint';
import { LintEngine } from '../engine';
import { fixAll } from '../fix-all';
import { requireWithCodeCache, type CodeCachedModule } from './code-cache';
import type { FromWorker, ToWorker, WorkerData } from './protocol';
import { LINT_WORKER_NICE_INCREMENT, lowerThreadPriority } from './thread-priority';
import { WarmUpRounds } from './warm-up-rounds';

const port = parentPort;
if (!port) throw new Error('lint-worker.js runs as a worker thread of the extension host');

// Lints are background work: the host's thread, which every extension shares, goes first (thread-priority.ts).
lowerThreadPriority(LINT_WORKER_NICE_INCREMENT);

const { codeCacheFolder } = (workerData ?? {}) as WorkerData;
let typeScriptParserModule: CodeCachedModule | undefined;
const engine = new LintEngine(
  codeCacheFolder === undefined
    ? {}
    : {
        // Bundled beside this file (scripts/lint-bundles.mjs); loaded with V8's code cache: code-cache.ts says why.
        loadTypeScriptParser: () => {
          typeScriptParserModule = requireWithCodeCache(path.join(__dirname, 'typescript-parser.js'), codeCacheFolder);
          const parser = typeScriptParserModule.exports as Linter.Parser & { default?: Linter.Parser };
          return Promise.resolve(parser.default ?? parser);
        },
      },
);
const queue: ToWorker[] = [];
const warmUps = new WarmUpRounds();
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
      case 'lint': {
        const result = await engine.lint(message.request);
        // A file that was parsed and linted warmed the code better than the rounds left would (a skipped one did not).
        if (!result.skipped) warmUps.end();
        answer({ type: 'linted', id: message.id, result });
        return;
      }
      case 'fixAll': {
        const { request } = message;
        const result = await fixAll(request.text, async (text) => (await engine.lint({ ...request, text })).problems, {
          ...(message.firstProblems ? { firstProblems: message.firstProblems } : {}),
        });
        warmUps.end();
        answer({ type: 'fixed', id: message.id, result });
        return;
      }
      case 'prepare':
        await engine.prepare(message.fileName);
        answer({ type: 'done', id: message.id });
        warmUps.add(message.fileName);
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

/**
 * One request per turn of the event loop: messages that arrived during a lint are queued (the poll phase)
 * before the next one is taken (the check phase), so a burst of edits costs one lint, not one per edit. With no
 * request waiting, a turn runs one warm-up round (warm-up-rounds.ts).
 */
async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const message = queue[0];
      if (message) {
        const superseded = isSuperseded(message, 0);
        queue.shift();
        if (superseded) answer({ type: 'dropped', id: message.id });
        else await handle(message);
        continue;
      }
      // Idle, and the parser's own warm-up rounds are done: the code cache takes what they compiled (written once).
      if (typeScriptParserModule && !warmUps.hasRoundsFor(true)) void typeScriptParserModule.save();
      const warmUp = warmUps.next();
      if (warmUp) {
        try {
          engine.lintLoaded(warmUp);
        } catch {
          warmUps.abandon(warmUp);
        }
        continue;
      }
      return;
    }
  } finally {
    draining = false;
  }
}

port.on('message', (message: ToWorker) => {
  queue.push(message);
  void drain();
});

// ESLint and the plugin load (and warm up on the warm-up text) while the host is still busy opening the first file.
queue.push({ type: 'prepare', id: -1, fileName: 'warm-up.js' });
void drain();
