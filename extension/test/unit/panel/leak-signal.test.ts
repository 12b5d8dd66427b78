// The leak rule on recorded series: one sample every 2 s over 5 minutes, as the panel polls by default.
import { describe, expect, it } from 'vitest';
import { checkGap, checkIdle, checkRetained, checkRise, fitLine, leakWarnings, type CountSample } from '../../../src/panel/leak-signal.js';

const START = 1_700_000_000_000;
const STEP_MS = 2000;

/** count(i) for one sample every 2 s over `minutes`. */
function series(minutes: number, count: (index: number, seconds: number) => number, restartAt?: number): CountSample[] {
  const samples: CountSample[] = [];
  const n = Math.round((minutes * 60_000) / STEP_MS);
  for (let index = 0; index <= n; index += 1) {
    samples.push({ t: START + index * STEP_MS, count: count(index, (index * STEP_MS) / 1000), restart: index === restartAt });
  }
  return samples;
}

function end(samples: CountSample[]): number {
  return samples.at(-1)?.t ?? START;
}

/** A deterministic jitter in [-amplitude, amplitude]. */
function jitter(index: number, amplitude: number): number {
  return Math.round(Math.sin(index * 12.9898) * 43758.5453 % 1 * amplitude);
}

describe('fitLine', () => {
  it('fits a straight line exactly', () => {
    const fit = fitLine([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 1 })));
    expect(fit.slope).toBeCloseTo(2);
    expect(fit.r2).toBeCloseTo(1);
  });

  it('gives no slope and no fit for a flat series', () => {
    expect(fitLine([0, 1, 2].map((x) => ({ x, y: 7 })))).toEqual({ slope: 0, r2: 0 });
  });
});

describe('checkRise on recorded series', () => {
  it('stays quiet on a steady count with noise', () => {
    const steady = series(5, (index) => 40 + jitter(index, 4));
    expect(checkRise(steady, end(steady))).toBeUndefined();
  });

  it('stays quiet on a sawtooth of busy periods that drain back to the baseline', () => {
    // Climbs from 2 to 60 over 100 s, then all close; three cycles in 5 minutes.
    const sawtooth = series(5, (_index, seconds) => 2 + Math.floor((seconds % 100) * 0.6));
    expect(checkRise(sawtooth, end(sawtooth))).toBeUndefined();
  });

  it('stays quiet on one long busy period that drains in the end', () => {
    const drain = series(5, (_index, seconds) => (seconds < 280 ? 5 + Math.floor(seconds / 6) : 5));
    expect(checkRise(drain, end(drain))).toBeUndefined();
  });

  it('fires on a leak that never closes a connection', () => {
    // One connection every 6 s that is never removed: +50 in 5 minutes.
    const leak = series(5, (_index, seconds) => 10 + Math.floor(seconds / 6));
    expect(checkRise(leak, end(leak))).toEqual({ kind: 'rise', message: '+50 connections in 5 min, none closed' });
  });

  it('fires on a leak under churn, with the fit in the message', () => {
    const leakWithChurn = series(5, (index, seconds) => 20 + Math.floor(seconds / 5) + jitter(index, 3));
    const warning = checkRise(leakWithChurn, end(leakWithChurn));
    expect(warning?.kind).toBe('rise');
    expect(warning?.message).toMatch(/^\+\d+ connections in 5 min, steady rise \(R² 0\.9\d\)$/);
  });

  it('looks only at the last 5 minutes', () => {
    // A leak 10 to 5 minutes ago, flat since.
    const oldLeak = series(10, (_index, seconds) => Math.min(100, Math.floor(seconds / 3)));
    expect(checkRise(oldLeak, end(oldLeak))).toBeUndefined();
  });

  it('forgets the previous run after a restart', () => {
    // 4 minutes of leak, a restart to 0, then one minute of a few connections.
    const restartIndex = 120;
    const restarted = series(5, (index, seconds) => (index < restartIndex ? Math.floor(seconds / 3) : Math.floor((index - restartIndex) / 10)), restartIndex);
    expect(checkRise(restarted, end(restarted))).toBeUndefined();
    // The same leak without the restart mark would be seen.
    const leakOnly = restarted.slice(0, restartIndex);
    expect(checkRise(leakOnly, end(leakOnly))?.kind).toBe('rise');
  });

  it('needs 2 minutes of samples before it says anything', () => {
    const young = series(1.5, (_index, seconds) => Math.floor(seconds));
    expect(checkRise(young, end(young))).toBeUndefined();
  });

  it('skips gaps from failed polls', () => {
    const leak = series(5, (_index, seconds) => 10 + Math.floor(seconds / 6)).map((sample, index) =>
      index % 7 === 3 ? { ...sample, count: null } : sample,
    );
    expect(checkRise(leak, end(leak))?.kind).toBe('rise');
  });

  it('ignores a small drift', () => {
    const drift = series(5, (_index, seconds) => 2 + Math.floor(seconds / 100));
    expect(checkRise(drift, end(drift))).toBeUndefined();
  });
});

describe('checkIdle and checkGap', () => {
  it('counts connections idle for at least the limit', () => {
    expect(checkIdle([{ idleMs: 1000 }, { idleMs: 400_000 }, { idleMs: 720_000 }], 300_000)).toEqual({
      kind: 'idle',
      message: '2 connections idle over 5 min (longest 12 min)',
    });
    expect(checkIdle([{ idleMs: 1000 }], 300_000)).toBeUndefined();
    expect(checkIdle([{ idleMs: 1000 }], 0)).toBeUndefined();
  });

  it('sees records of sockets that are gone', () => {
    expect(checkGap(200, 3)).toEqual({ kind: 'gap', message: 'tracking 200, 3 open' });
    expect(checkGap(12, 10)).toBeUndefined();
    expect(checkGap(200, undefined)).toBeUndefined();
  });

  it('combines the three rules', () => {
    const leak = series(5, (_index, seconds) => 10 + Math.floor(seconds / 6));
    const warnings = leakWarnings({
      samples: leak,
      now: end(leak),
      idleLimitMs: 60_000,
      connections: [{ idleMs: 61_000 }],
      activeConnections: 60,
      openSockets: 10,
    });
    expect(warnings.map((warning) => warning.message)).toEqual([
      '+50 connections in 5 min, none closed',
      '1 connection idle over 1 min (longest 1 min)',
      'tracking 60, 10 open',
    ]);
  });
});

describe('checkRetained', () => {
  /** A retained count that moves only at the program's GCs: one sample every 2 s, a GC every 40 s. */
  function retainedSeries(minutes: number, retainedAt: (gc: number) => number, restartAt?: number): CountSample[] {
    return series(minutes, () => 5, restartAt).map((sample, index) => ({ ...sample, retained: retainedAt(Math.floor((index * STEP_MS) / 40_000)) }));
  }

  it('fires when the count rises by 3 or more from its lowest, with the time and the count now', () => {
    const leak = retainedSeries(4, (gc) => gc * 2);
    expect(checkRetained(leak, end(leak))).toEqual({ kind: 'retained', message: '+12 sockets retained after close in 4 min (now 12)' });
    expect(leakWarnings({ samples: leak, now: end(leak), idleLimitMs: 60_000, connections: [] }).map((warning) => warning.kind)).toEqual(['retained']);
  });

  it('stays quiet on a steady count, a rise of 2, a fall, and an endpoint that does not report it', () => {
    for (const steady of [retainedSeries(4, () => 40), retainedSeries(4, (gc) => Math.min(gc, 2)), retainedSeries(4, (gc) => Math.max(0, 20 - gc)), series(4, () => 5)]) {
      expect(checkRetained(steady, end(steady))).toBeUndefined();
    }
  });

  it('counts from after the last restart', () => {
    // 50 retained before a restart at sample 60, then 0 to 2.
    const restarted = retainedSeries(4, (gc) => (gc < 3 ? 50 : Math.min(2, gc - 3)), 60);
    expect(checkRetained(restarted, end(restarted))).toBeUndefined();
  });
});
