// Polls one status endpoint: the next request is armed only when the previous one has settled, so
// requests never overlap; failures back off exponentially up to 30 s, and one success returns to the
// normal interval. The clock is injectable so tests step through intervals and backoff without waiting.

export interface PollClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: PollClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const MAX_BACKOFF_MS = 30_000;

export type PollOutcome<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface PollReport<T> {
  outcome: PollOutcome<T>;
  /** When the request settled, on the poller's clock. */
  at: number;
  /** Consecutive failures including this one; 0 after a success. */
  failures: number;
  /** Delay until the next request, already backed off after failures. */
  nextDelayMs: number;
}

export interface PollerOptions<T> {
  poll: () => Promise<PollOutcome<T>>;
  /** Read on every scheduling, so a changed setting or visibility takes effect at the next request. */
  intervalMs: () => number;
  onReport: (report: PollReport<T>) => void;
  clock?: PollClock;
  maxBackoffMs?: number;
}

/** interval · 2^failures, capped: with 2 s that is 4 s, 8 s, 16 s, 30 s, 30 s, ... (never below the interval). */
export function backoffDelay(intervalMs: number, failures: number, maxBackoffMs = MAX_BACKOFF_MS): number {
  if (failures <= 0) return intervalMs;
  return Math.max(intervalMs, Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(failures, 20)));
}

export class StatusPoller<T> {
  private readonly clock: PollClock;
  private readonly maxBackoffMs: number;
  private timer: unknown;
  private timerDue = 0;
  private inFlight = false;
  private running = false;
  private failures = 0;
  private lastSettledAt: number | undefined;

  constructor(private readonly options: PollerOptions<T>) {
    this.clock = options.clock ?? systemClock;
    this.maxBackoffMs = options.maxBackoffMs ?? MAX_BACKOFF_MS;
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isInFlight(): boolean {
    return this.inFlight;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Delay from the last settled request to the next one, given the current interval and failures. */
  currentDelayMs(): number {
    return backoffDelay(this.options.intervalMs(), this.failures, this.maxBackoffMs);
  }

  /** When the next request is due on the poller's clock, or undefined while one is in flight or stopped. */
  get nextDueAt(): number | undefined {
    return this.timer === undefined ? undefined : this.timerDue;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.pollNow();
  }

  stop(): void {
    this.running = false;
    this.disarm();
  }

  /** Polls at once unless a request is still in flight (that one's answer is as fresh as it gets). */
  pollNow(): void {
    if (!this.running || this.inFlight) return;
    this.disarm();
    void this.runOnce();
  }

  /** Re-arms the waiting timer after the interval changed, counting from the last settled request. */
  reschedule(): void {
    if (!this.running || this.inFlight) return;
    const since = this.lastSettledAt ?? this.clock.now();
    const wait = Math.max(0, since + this.currentDelayMs() - this.clock.now());
    this.arm(wait);
  }

  private disarm(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private arm(delayMs: number): void {
    this.disarm();
    this.timerDue = this.clock.now() + delayMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.runOnce();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    if (!this.running || this.inFlight) return;
    this.inFlight = true;
    let outcome: PollOutcome<T>;
    try {
      outcome = await this.options.poll();
    } catch (error) {
      outcome = { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
    this.inFlight = false;
    this.lastSettledAt = this.clock.now();
    this.failures = outcome.ok ? 0 : this.failures + 1;
    const nextDelayMs = this.currentDelayMs();
    // Stopped while the request was in flight: its answer belongs to nobody any more.
    if (!this.running) return;
    this.arm(nextDelayMs);
    this.options.onReport({ outcome, at: this.lastSettledAt, failures: this.failures, nextDelayMs });
  }
}
