// Waiting, bounded and cancellable, for the probe to name its status URL. The file is read on every
// change of its folder (fs.watch) and at least every `pollMs` besides, since a watch may miss events.
import { watch } from 'node:fs';
import * as path from 'node:path';
import { readUrlFile, type UrlFileReading } from './url-file.js';

export interface WaitClock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: WaitClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    }),
};

export type WaitOutcome =
  | { kind: 'url'; url: string }
  | { kind: 'invalid'; problem: string }
  /** The program (or its terminal) ended before the URL appeared; `reason` says how. */
  | { kind: 'exited'; reason: string }
  | { kind: 'timeout'; waitedMs: number }
  | { kind: 'cancelled' };

export interface WaitOptions {
  read: () => Promise<UrlFileReading>;
  timeoutMs: number;
  pollMs: number;
  clock?: WaitClock;
  /** Aborted when the person cancels. */
  signal?: AbortSignal;
  /** Settles with a reason when the program is known to have ended. */
  exited?: Promise<string>;
  /** Subscribes to "something may have changed": the wait reads again at once. Returns the unsubscribe. */
  onChange?: (changed: () => void) => () => void;
}

/** Reads until there is a URL, or the program ended, or the time is up, or the person cancelled. */
export async function waitForUrl(options: WaitOptions): Promise<WaitOutcome> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  let nap: AbortController | undefined;
  const wake = (): void => nap?.abort();
  let exitReason: string | undefined;
  void options.exited?.then((reason) => {
    exitReason = reason;
    wake();
  });
  options.signal?.addEventListener('abort', wake);
  const unsubscribe = options.onChange?.(wake);
  try {
    for (;;) {
      // Made before the checks, so a wake-up that comes while reading cuts the next nap short.
      nap = new AbortController();
      if (options.signal?.aborted === true) return { kind: 'cancelled' };
      // An ended program is reported even if it named a URL first: there is nothing left to attach to.
      if (exitReason !== undefined) return { kind: 'exited', reason: exitReason };
      const reading = await options.read();
      if (reading.kind === 'url') return { kind: 'url', url: reading.url };
      if (reading.kind === 'invalid') return { kind: 'invalid', problem: reading.problem };
      const remaining = started + options.timeoutMs - clock.now();
      if (remaining <= 0) return { kind: 'timeout', waitedMs: clock.now() - started };
      await clock.sleep(Math.min(options.pollMs, remaining), nap.signal);
    }
  } finally {
    unsubscribe?.();
    options.signal?.removeEventListener('abort', wake);
  }
}

/** Waits for the URL file itself: read on each change of its folder, and every `pollMs`. */
export function waitForUrlFile(file: string, options: Omit<WaitOptions, 'read' | 'onChange'>): Promise<WaitOutcome> {
  return waitForUrl({
    ...options,
    read: () => readUrlFile(file),
    onChange: (changed) => {
      try {
        const watcher = watch(path.dirname(file), () => changed());
        watcher.on('error', () => watcher.close()); // the polling carries on
        return () => watcher.close();
      } catch {
        return () => {};
      }
    },
  });
}
