// Debounced, cancellable lint runs per document: a newer edit cancels the pending run (and tells a running
// one its result is stale), so only the latest text is ever shown.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Tells a running task that a newer one replaced it. */
export class Cancellation {
  private cancelled = false;
  get isCancelled(): boolean {
    return this.cancelled;
  }
  cancel(): void {
    this.cancelled = true;
  }
}

export type Task = (cancellation: Cancellation) => void | Promise<void>;

interface Pending {
  timer: unknown;
  cancellation: Cancellation;
}

/** One pending or running task per key (a document URI); scheduling again replaces it. */
export class LintScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly running = new Map<string, Cancellation>();

  constructor(private readonly timers: Timers = systemTimers) {}

  /** Runs `task` after `delayMs` unless `schedule` or `cancel` is called for `key` before. */
  schedule(key: string, delayMs: number, task: Task): Cancellation {
    this.cancel(key);
    const cancellation = new Cancellation();
    const timer = this.timers.setTimeout(() => {
      this.pending.delete(key);
      void this.start(key, cancellation, task);
    }, delayMs);
    this.pending.set(key, { timer, cancellation });
    return cancellation;
  }

  /** Runs `task` now, cancelling what was pending or running for `key`. */
  runNow(key: string, task: Task): Promise<void> {
    this.cancel(key);
    return this.start(key, new Cancellation(), task);
  }

  /** Cancels the pending and the running task of `key`. */
  cancel(key: string): void {
    const pending = this.pending.get(key);
    if (pending) {
      this.timers.clearTimeout(pending.timer);
      pending.cancellation.cancel();
      this.pending.delete(key);
    }
    this.running.get(key)?.cancel();
    this.running.delete(key);
  }

  cancelAll(): void {
    for (const key of [...this.pending.keys(), ...this.running.keys()]) this.cancel(key);
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  private async start(key: string, cancellation: Cancellation, task: Task): Promise<void> {
    this.running.set(key, cancellation);
    try {
      await task(cancellation);
    } finally {
      if (this.running.get(key) === cancellation) this.running.delete(key);
    }
  }
}
