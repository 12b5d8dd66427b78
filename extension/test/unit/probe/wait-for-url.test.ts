// The wait for the probe's URL: stepped through with a fake clock for the limits, and on a real folder
// for the wake-ups (a file renamed into place, a program that ends) that must not wait for the next poll.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UrlFileReading } from '../../../src/probe/url-file.js';
import { waitForUrl, waitForUrlFile, type WaitClock } from '../../../src/probe/wait-for-url.js';

/** Time moves only when the wait sleeps, by the whole nap unless something woke it first. */
class FakeClock implements WaitClock {
  time = 0;
  readonly naps: number[] = [];
  now = (): number => this.time;
  sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
    this.naps.push(ms);
    await Promise.resolve();
    if (!signal.aborted) this.time += ms;
  };
}

const missing: UrlFileReading = { kind: 'missing' };

function readings(...sequence: UrlFileReading[]): () => Promise<UrlFileReading> {
  let index = 0;
  return () => Promise.resolve(sequence[Math.min(index++, sequence.length - 1)] ?? missing);
}

describe('waitForUrl', () => {
  it('gives up after timeoutMs, reading every pollMs and never sleeping past the deadline', async () => {
    const clock = new FakeClock();
    const outcome = await waitForUrl({ read: readings(missing), timeoutMs: 1000, pollMs: 300, clock });
    expect(outcome).toEqual({ kind: 'timeout', waitedMs: 1000 });
    expect(clock.naps).toEqual([300, 300, 300, 100]);
  });

  it('returns the URL as soon as a read finds it, skipping half-written files', async () => {
    const clock = new FakeClock();
    const outcome = await waitForUrl({
      read: readings(missing, missing, { kind: 'incomplete' }, { kind: 'url', url: 'http://127.0.0.1:9/status' }),
      timeoutMs: 15_000,
      pollMs: 250,
      clock,
    });
    expect(outcome).toEqual({ kind: 'url', url: 'http://127.0.0.1:9/status' });
    expect(clock.time).toBe(750);
  });

  it('stops at a file that is not a status URL', async () => {
    const outcome = await waitForUrl({ read: readings({ kind: 'invalid', problem: 'nope' }), timeoutMs: 15_000, pollMs: 250, clock: new FakeClock() });
    expect(outcome).toEqual({ kind: 'invalid', problem: 'nope' });
  });

  it('reports an ended program, even when it named a URL before ending', async () => {
    const clock = new FakeClock();
    let reads = 0;
    const outcome = await waitForUrl({
      read: () => Promise.resolve(++reads > 1 ? { kind: 'url', url: 'http://127.0.0.1:9/status' } : missing),
      timeoutMs: 15_000,
      pollMs: 250,
      clock,
      exited: Promise.resolve('the program exited with code 1'),
    });
    expect(outcome).toEqual({ kind: 'exited', reason: 'the program exited with code 1' });
    expect(clock.time).toBe(0); // the end woke the wait: no nap was slept out
  });

  it('stops when cancelled, without a further read', async () => {
    const cancel = new AbortController();
    let reads = 0;
    const outcome = await waitForUrl({
      read: () => {
        if (++reads === 3) cancel.abort();
        return Promise.resolve(missing);
      },
      timeoutMs: 15_000,
      pollMs: 250,
      clock: new FakeClock(),
      signal: cancel.signal,
    });
    expect(outcome).toEqual({ kind: 'cancelled' });
    expect(reads).toBe(3);
  });

  it('reads again at once when told something changed', async () => {
    const clock = new FakeClock();
    let changed: () => void = () => {};
    let reads = 0;
    let unsubscribed = false;
    const outcome = await waitForUrl({
      read: () => {
        reads += 1;
        if (reads === 1) setImmediate(() => changed());
        return Promise.resolve(reads === 2 ? { kind: 'url', url: 'http://127.0.0.1:9/status' } : missing);
      },
      timeoutMs: 15_000,
      pollMs: 250,
      clock: {
        now: clock.now,
        // A nap that only a wake-up ends, to show the change (not the poll) brought the second read.
        sleep: (_ms, signal) =>
          new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }))),
      },
      onChange: (callback) => {
        changed = callback;
        return () => (unsubscribed = true);
      },
    });
    expect(outcome).toEqual({ kind: 'url', url: 'http://127.0.0.1:9/status' });
    expect(unsubscribed).toBe(true);
  });
});

describe('waitForUrlFile on a real folder', () => {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  function urlFilePath(): string {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'wait-for-url-test-'));
    folders.push(folder);
    return path.join(folder, 'status-url');
  }

  it('wakes on the rename that puts the URL in place, long before the next poll', async () => {
    const file = urlFilePath();
    const started = Date.now();
    // What the probe does: a temporary name, then a rename.
    setTimeout(() => {
      writeFileSync(`${file}.42.tmp`, 'http://127.0.0.1:4242/status\n');
      renameSync(`${file}.42.tmp`, file);
    }, 100);
    const outcome = await waitForUrlFile(file, { timeoutMs: 15_000, pollMs: 10_000 });
    expect(outcome).toEqual({ kind: 'url', url: 'http://127.0.0.1:4242/status' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('wakes when the program ends', async () => {
    const file = urlFilePath();
    const started = Date.now();
    const exited = new Promise<string>((resolve) => setTimeout(() => resolve('the terminal was closed'), 100));
    const outcome = await waitForUrlFile(file, { timeoutMs: 15_000, pollMs: 10_000, exited });
    expect(outcome).toEqual({ kind: 'exited', reason: 'the terminal was closed' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out on the real clock', async () => {
    const started = Date.now();
    const outcome = await waitForUrlFile(urlFilePath(), { timeoutMs: 300, pollMs: 50 });
    expect(outcome.kind).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
