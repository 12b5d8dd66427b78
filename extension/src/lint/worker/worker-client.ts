// The extension host's side of the lint worker: sends texts, gets problems back, never waits synchronously.
// A lint superseded by a newer text of the same document settles as `undefined` at once (the worker skips it
// if it has not started it). A worker that dies is restarted once, with a log line, and the requests it held
// are sent again; a second death stops linting until `restart()` (the user's Restart action).
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { LintRequest, LintResult } from '../engine';
import type { FixAllResult } from '../fix-all';
import type { SocketProblem } from '../problems';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

export interface LintWorkerOptions {
  /** The worker bundle (dist/lint-worker.js beside the extension's own bundle). */
  workerPath: string;
  /** One line per worker start failure or crash, for the output channel. */
  log: (line: string) => void;
  /** Called once when the worker died a second time and linting stopped. */
  onStopped?: (reason: string) => void;
  resourceLimits?: ResourceLimits;
  /** A folder of the extension's own (its global storage) for V8's code cache of the TypeScript parser. */
  codeCacheFolder?: string;
}

/** Thrown by requests made while linting is stopped, and by those the second crash interrupted. */
export class LintWorkerStoppedError extends Error {
  constructor(reason: string) {
    super(`Linting stopped: ${reason}`);
    this.name = 'LintWorkerStoppedError';
  }
}

interface Pending {
  message: ToWorker;
  resolve: (value: FromWorker) => void;
  reject: (error: Error) => void;
}

/** How many times a worker may die before linting stops: the first death restarts it. */
const RESTARTS = 1;

export class LintWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The id of the newest lint per document key. */
  private readonly latestLint = new Map<string, number>();
  private crashes = 0;
  private stoppedReason: string | undefined;
  private disposed = false;

  constructor(private readonly options: LintWorkerOptions) {}

  /** Why linting stopped, or undefined while it runs. */
  get stopped(): string | undefined {
    return this.stoppedReason;
  }

  /**
   * Lints `request.text` in the worker. With a `key` (the document's URI), resolves undefined when a newer lint
   * of the same key was asked for before this one's answer came: its result would describe a text the editor
   * no longer holds. Without a key (a file read from disk) the lint is never dropped.
   */
  async lint(key: string | undefined, request: LintRequest): Promise<LintResult | undefined> {
    const id = this.nextId++;
    if (key === undefined) {
      const answer = await this.send({ type: 'lint', id, key: `#${id}`, request });
      return answer.type === 'linted' ? answer.result : undefined;
    }
    const previous = this.latestLint.get(key);
    this.latestLint.set(key, id);
    if (previous !== undefined) this.settleDropped(previous);
    try {
      const answer = await this.send({ type: 'lint', id, key, request });
      return answer.type === 'linted' ? answer.result : undefined;
    } finally {
      if (this.latestLint.get(key) === id) this.latestLint.delete(key);
    }
  }

  /** Fix-all's lint-and-fix rounds on one text, as one request. */
  async fixAll(request: LintRequest, firstProblems?: readonly SocketProblem[]): Promise<FixAllResult> {
    const answer = await this.send({
      type: 'fixAll',
      id: this.nextId++,
      request,
      ...(firstProblems ? { firstProblems: [...firstProblems] } : {}),
    });
    if (answer.type !== 'fixed') throw new Error(`unexpected answer ${answer.type} to fixAll`);
    return answer.result;
  }

  /** Loads, in the background, what linting such a file needs (the TypeScript parser for a .ts name). */
  async prepare(fileName: string): Promise<void> {
    await this.send({ type: 'prepare', id: this.nextId++, fileName });
  }

  async forgetModuleKinds(): Promise<void> {
    if (!this.worker) return; // nothing read yet
    await this.send({ type: 'forgetModuleKinds', id: this.nextId++ });
  }

  /** Starts linting again after it stopped (or replaces a running worker). */
  restart(): void {
    this.crashes = 0;
    this.stoppedReason = undefined;
    const old = this.worker;
    this.worker = undefined;
    if (old) {
      old.removeAllListeners();
      void old.terminate();
    }
    if (this.pending.size > 0) this.startWorker();
  }

  /** The worker thread, for tests that need to kill it as an outside cause would. */
  get workerForTests(): Worker | undefined {
    return this.worker;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(new LintWorkerStoppedError('the extension is shutting down'));
    this.pending.clear();
    if (worker) {
      worker.removeAllListeners();
      await worker.terminate();
    }
  }

  private send(message: ToWorker): Promise<FromWorker> {
    if (this.disposed) return Promise.reject(new LintWorkerStoppedError('the extension is shutting down'));
    if (this.stoppedReason !== undefined) return Promise.reject(new LintWorkerStoppedError(this.stoppedReason));
    return new Promise<FromWorker>((resolve, reject) => {
      this.pending.set(message.id, { message, resolve, reject });
      (this.worker ?? this.startWorker()).postMessage(message);
    });
  }

  private settleDropped(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    pending.resolve({ type: 'dropped', id });
  }

  private startWorker(): Worker {
    const worker = new Worker(this.options.workerPath, {
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
      workerData: { ...(this.options.codeCacheFolder ? { codeCacheFolder: this.options.codeCacheFolder } : {}) } satisfies WorkerData,
    });
    let lastError: Error | undefined;
    worker.on('message', (answer: FromWorker) => this.receive(answer));
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // terminated on purpose
      this.worker = undefined;
      this.crashed(code, lastError);
    });
    this.worker = worker;
    return worker;
  }

  private receive(answer: FromWorker): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return; // dropped on this side already
    this.pending.delete(answer.id);
    if (answer.type === 'failed') pending.reject(new Error(answer.message));
    else pending.resolve(answer);
  }

  private crashed(code: number, error: Error | undefined): void {
    this.crashes += 1;
    const cause = `exit code ${code}${error ? `: ${error.message}` : ''}`;
    const now = new Date().toISOString();
    if (this.crashes <= RESTARTS) {
      this.options.log(
        `[${now}] The Socket Hygiene lint worker stopped unexpectedly (${cause}); restarting it once. ` +
          `${this.pending.size} pending request(s) are sent again.`,
      );
      if (this.pending.size > 0) {
        const worker = this.startWorker();
        for (const pending of this.pending.values()) worker.postMessage(pending.message);
      }
      return;
    }
    const reason = `the lint worker stopped unexpectedly twice (last: ${cause})`;
    this.stoppedReason = reason;
    this.options.log(`[${now}] The Socket Hygiene lint worker stopped unexpectedly again (${cause}); linting is off until it is restarted.`);
    for (const pending of this.pending.values()) pending.reject(new LintWorkerStoppedError(reason));
    this.pending.clear();
    this.latestLint.clear();
    this.options.onStopped?.(reason);
  }
}
