import { describe, expect, it } from 'vitest';
import { LintScheduler, type Cancellation, type Timers } from '../../../src/lint/scheduler';

/** A manual clock: timers fire only when the test advances time. */
class ManualTimers implements Timers {
  now = 0;
  private next = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now) continue;
      this.timers.delete(id);
      timer.callback();
    }
  }
  get pending(): number {
    return this.timers.size;
  }
}

describe('debounced lint scheduling', () => {
  it('runs once, 200 ms after the last of several quick edits, with the latest text', () => {
    const timers = new ManualTimers();
    const scheduler = new LintScheduler(timers);
    const runs: string[] = [];
    for (const text of ['a', 'ab', 'abc']) {
      scheduler.schedule('doc', 200, () => void runs.push(text));
      timers.advance(50);
    }
    expect(runs).toEqual([]);
    timers.advance(149);
    expect(runs).toEqual([]);
    timers.advance(1);
    expect(runs).toEqual(['abc']);
    expect(timers.pending).toBe(0);
  });

  it('keeps documents apart', () => {
    const timers = new ManualTimers();
    const scheduler = new LintScheduler(timers);
    const runs: string[] = [];
    scheduler.schedule('a', 200, () => void runs.push('a'));
    scheduler.schedule('b', 200, () => void runs.push('b'));
    timers.advance(200);
    expect(runs.sort()).toEqual(['a', 'b']);
  });

  it('cancels a pending run (closing the document)', () => {
    const timers = new ManualTimers();
    const scheduler = new LintScheduler(timers);
    const cancellation = scheduler.schedule('doc', 200, () => {
      throw new Error('must not run');
    });
    expect(scheduler.isPending('doc')).toBe(true);
    scheduler.cancel('doc');
    timers.advance(1000);
    expect(cancellation.isCancelled).toBe(true);
    expect(scheduler.isPending('doc')).toBe(false);
  });

  it('tells a running lint that a newer edit made it stale', async () => {
    const timers = new ManualTimers();
    const scheduler = new LintScheduler(timers);
    let release: () => void = () => {};
    let first: Cancellation | undefined;
    const finished: string[] = [];
    scheduler.schedule('doc', 200, async (cancellation) => {
      first = cancellation;
      await new Promise<void>((resolve) => (release = resolve));
      if (!cancellation.isCancelled) finished.push('first');
    });
    timers.advance(200);
    expect(first?.isCancelled).toBe(false);
    scheduler.schedule('doc', 200, () => void finished.push('second'));
    expect(first?.isCancelled).toBe(true);
    release();
    await Promise.resolve();
    timers.advance(200);
    await Promise.resolve();
    expect(finished).toEqual(['second']);
  });

  it('runNow replaces a pending run and runs at once', async () => {
    const timers = new ManualTimers();
    const scheduler = new LintScheduler(timers);
    const runs: string[] = [];
    scheduler.schedule('doc', 200, () => void runs.push('debounced'));
    await scheduler.runNow('doc', () => void runs.push('save'));
    timers.advance(500);
    expect(runs).toEqual(['save']);
  });

  it('cancelAll stops everything', () => {
    const timers = new ManualTimers();
    const scheduler = new LintScheduler(timers);
    scheduler.schedule('a', 10, () => {
      throw new Error('no');
    });
    scheduler.schedule('b', 10, () => {
      throw new Error('no');
    });
    scheduler.cancelAll();
    timers.advance(100);
    expect(timers.pending).toBe(0);
  });

  it('works with the real timers', async () => {
    const scheduler = new LintScheduler();
    const started = Date.now();
    const ran = await new Promise<number>((resolve) => scheduler.schedule('doc', 20, () => resolve(Date.now())));
    expect(ran - started).toBeGreaterThanOrEqual(15);
  });
});
