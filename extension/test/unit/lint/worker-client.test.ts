// The host's side of the lint worker against the real worker bundle (dist/lint-worker.js as the build makes
// it, with the real plugin and the TypeScript parser beside it), in a real worker thread.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { fixAll } from '../../../src/lint/fix-all';
import { DEFAULT_SETTINGS } from '../../../src/lint/settings';
import { LINT_WORKER_NICE_INCREMENT } from '../../../src/lint/worker/thread-priority';
import { LintWorkerClient, LintWorkerStoppedError } from '../../../src/lint/worker/worker-client';
// @ts-expect-error: plain .mjs build helpers without type declarations
import { lintBundles } from '../../../../scripts/lint-bundles.mjs';
// @ts-expect-error: plain .mjs benchmark helpers without type declarations
import { javascriptFixture } from '../../../../bench/lib/editor-fixtures.mjs';
// @ts-expect-error: plain .mjs benchmark helpers without type declarations
import { generateSocketCode } from '../../../../bench/lib/generate.mjs';

const repositoryRoot = path.resolve(__dirname, '../../../..');
const settings = { rules: DEFAULT_SETTINGS.rules, strict: false };
const leakyFixture = path.join(repositoryRoot, 'test-fixtures', 'server-without-error-listener', 'leaky.cjs');
const leakyText = readFileSync(leakyFixture, 'utf8');
const largeText = (javascriptFixture as (generate: unknown, lines: number) => string)(generateSocketCode, 2000);

let folder: string;
let workerPath: string;
const clients: LintWorkerClient[] = [];

function client(options: { onStopped?: (reason: string) => void } = {}): { client: LintWorkerClient; log: string[] } {
  const log: string[] = [];
  const created = new LintWorkerClient({ workerPath, log: (line) => log.push(line), ...options });
  clients.push(created);
  return { client: created, log };
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-worker-'));
  const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'], logLevel: 'warning', absWorkingDir: repositoryRoot };
  const bundles = (lintBundles as (common: object, production: boolean) => esbuild.BuildOptions[])(common, false);
  await Promise.all(bundles.map((options) => esbuild.build({ ...options, outfile: path.join(folder, path.basename(options.outfile!)) })));
  workerPath = path.join(folder, 'lint-worker.js');
}, 120_000);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((created) => created.dispose()));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('LintWorkerClient with the real worker bundle', () => {
  const engine = new LintEngine();

  it('answers what the lint core answers in-process, suggestion edits included', async () => {
    const { client: worker } = client();
    const request = { text: leakyText, fileName: leakyFixture, settings };
    const [fromWorker, inProcess] = await Promise.all([worker.lint('file:///leaky.cjs', request), engine.lint(request)]);
    expect(fromWorker).toEqual(inProcess);
    expect(fromWorker?.problems.length).toBeGreaterThanOrEqual(2);
    const edit = fromWorker?.problems[0]?.suggestions[0]?.edit;
    expect(typeof edit?.range.start.line).toBe('number');
    expect(typeof edit?.newText).toBe('string');
  });

  it('loads the TypeScript parser when asked and lints TypeScript', async () => {
    const { client: worker } = client();
    await worker.prepare('warm-up.ts');
    const text = "import * as net from 'node:net';\nconst kept = new Set<net.Socket>();\nnet.createServer((socket: net.Socket) => { kept.add(socket); }).on('error', () => {});\n";
    const result = await worker.lint('file:///a.ts', { text, fileName: '/p/a.ts', settings });
    expect(result?.syntaxError).toBeUndefined();
    expect(result?.problems.map((problem) => problem.ruleName).sort()).toEqual(['remove-on-close', 'require-error-listener']);
  });

  it('keeps the TypeScript parser’s code cache in the folder it is given, once idle, and the next worker lints alike', async () => {
    const codeCacheFolder = path.join(folder, 'code-cache');
    const cacheFiles = (): string[] => (existsSync(codeCacheFolder) ? readdirSync(codeCacheFolder).filter((name) => name.startsWith('typescript-parser-') && name.endsWith('.cache')) : []);
    const request = { text: "import * as net from 'node:net';\nconst kept = new Set<net.Socket>();\nnet.createServer((socket: net.Socket) => { kept.add(socket); }).on('error', () => {});\n", fileName: '/p/a.ts', settings };
    const first = new LintWorkerClient({ workerPath, log: () => undefined, codeCacheFolder });
    clients.push(first);
    await first.prepare('warm-up.ts');
    const expected = await first.lint(undefined, request);
    expect(expected?.problems.map((problem) => problem.ruleName).sort()).toEqual(['remove-on-close', 'require-error-listener']);
    while (cacheFiles().length === 0) await new Promise((resolve) => setTimeout(resolve, 100)); // after the warm-up
    expect(cacheFiles()).toHaveLength(1);
    const second = new LintWorkerClient({ workerPath, log: () => undefined, codeCacheFolder });
    clients.push(second);
    expect(await second.lint(undefined, request)).toEqual(expected);
  }, 60_000);

  it('drops a lint once a newer text of the same document is sent, and answers the newest', async () => {
    const { client: worker } = client();
    const versions = [1, 2, 3, 4].map((version) => `${largeText}\n// version ${version}\n`);
    const answers = await Promise.all(versions.map((text) => worker.lint('file:///large.js', { text, fileName: '/p/large.js', settings })));
    expect(answers.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(answers[3]).toEqual(await engine.lint({ text: versions[3]!, fileName: '/p/large.js', settings }));
  });

  it('never drops the lints of other documents or of texts without a document', async () => {
    const { client: worker } = client();
    const request = { text: leakyText, fileName: leakyFixture, settings };
    const answers = await Promise.all([worker.lint('file:///a.cjs', request), worker.lint('file:///b.cjs', request), worker.lint(undefined, request), worker.lint(undefined, request)]);
    expect(answers.every((answer) => answer !== undefined && answer.problems.length >= 2)).toBe(true);
  });

  it('runs fix-all’s rounds as one request, with the in-process result', async () => {
    const { client: worker } = client();
    const request = { text: leakyText, fileName: leakyFixture, settings };
    const fromWorker = await worker.fixAll(request);
    const inProcess = await fixAll(leakyText, async (text) => (await engine.lint({ ...request, text })).problems);
    expect(fromWorker).toEqual(inProcess);
    expect(fromWorker.rounds).toBeGreaterThanOrEqual(1);
    expect(fromWorker.edits.length).toBeGreaterThan(0);
  });

  it('keeps the host thread free while a 2,000-line file is linted', async () => {
    const { client: worker } = client();
    await worker.lint(undefined, { text: leakyText, fileName: leakyFixture, settings }); // ESLint loaded
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 2);
    const started = performance.now();
    const answer = worker.lint('file:///large.js', { text: largeText, fileName: '/p/large.js', settings });
    const synchronousMs = performance.now() - started;
    const result = await answer;
    const elapsedMs = performance.now() - started;
    clearInterval(timer);
    expect(result?.problems.length).toBeGreaterThan(0);
    expect(synchronousMs).toBeLessThan(20);
    // The interval kept firing through the lint: the host's event loop was never held for long.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsedMs / 20));
  });

  it.runIf(process.platform === 'linux' && existsSync('/proc/thread-self'))(
    'runs the worker’s thread at a lower priority than the host’s, which keeps its own',
    async () => {
      // the kernel's nice value of a thread: field 19 of its stat line, counted after the command's parentheses
      const niceOf = (threadId: string): number => Number(readFileSync(`/proc/${process.pid}/task/${threadId}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
      const hostThread = readlinkSync('/proc/thread-self').split('/').pop()!;
      const hostNice = niceOf(hostThread);
      const before = new Set(readdirSync(`/proc/${process.pid}/task`));
      const { client: worker } = client();
      await worker.lint(undefined, { text: leakyText, fileName: leakyFixture, settings });
      const started = readdirSync(`/proc/${process.pid}/task`).filter((threadId) => !before.has(threadId));
      expect(started.map(niceOf)).toContain(Math.min(19, hostNice + LINT_WORKER_NICE_INCREMENT));
      expect(niceOf(hostThread)).toBe(hostNice);
    },
  );

  it('restarts a crashed worker once, says so, and answers the lint that was waiting', async () => {
    const { client: worker, log } = client();
    await worker.lint(undefined, { text: leakyText, fileName: leakyFixture, settings });
    const waiting = worker.lint('file:///large.js', { text: largeText, fileName: '/p/large.js', settings });
    await worker.workerForTests!.terminate(); // killed from outside, as an out-of-memory would
    const result = await waiting;
    expect(result?.problems.length).toBeGreaterThan(0);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/lint worker stopped unexpectedly \(exit code 1\); restarting it once\. 1 pending request/);
    expect(worker.stopped).toBeUndefined();
  });

  it('stops linting after a second crash, tells once, and lints again after restart()', async () => {
    const stops: string[] = [];
    const { client: worker, log } = client({ onStopped: (reason) => stops.push(reason) });
    const request = { text: leakyText, fileName: leakyFixture, settings };
    await worker.lint(undefined, request);
    await worker.workerForTests!.terminate();
    await worker.lint(undefined, request);
    const waiting = worker.lint('file:///a.cjs', request);
    await worker.workerForTests!.terminate();
    await expect(waiting).rejects.toBeInstanceOf(LintWorkerStoppedError);
    await expect(worker.lint('file:///a.cjs', request)).rejects.toBeInstanceOf(LintWorkerStoppedError);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(/stopped unexpectedly twice/);
    expect(log[1]).toMatch(/stopped unexpectedly again .* linting is off until it is restarted/);
    worker.restart();
    expect(worker.stopped).toBeUndefined();
    expect((await worker.lint('file:///a.cjs', request))?.problems.length).toBeGreaterThanOrEqual(2);
  });

  it('answers a request the worker could not serve with its error, and keeps serving', async () => {
    // A broken install: the worker bundle without the TypeScript parser beside it.
    const broken = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-worker-broken-'));
    try {
      copyFileSync(workerPath, path.join(broken, 'lint-worker.js'));
      const worker = new LintWorkerClient({ workerPath: path.join(broken, 'lint-worker.js'), log: () => undefined });
      clients.push(worker);
      const typescript = worker.lint(undefined, { text: "import * as net from 'node:net';\n", fileName: '/p/a.ts', settings });
      await expect(typescript).rejects.toThrow(/typescript-parser/);
      expect((await worker.lint(undefined, { text: leakyText, fileName: leakyFixture, settings }))?.problems.length).toBeGreaterThanOrEqual(2);
      expect(worker.stopped).toBeUndefined();
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
