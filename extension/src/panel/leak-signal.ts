// The leak signal: when does the panel say "this count is leaking"? The rule, exactly (also in
// README.md, section "The leak signal"):
//
// 1. Steady rise. Take the samples of the last 5 minutes, and only those after the last process
//    restart (uptime went back or the pid changed). The signal needs
//    a. at least 10 samples spanning at least 2 minutes: a shorter series says nothing about a trend;
//    b. a least-squares line of count over time with a positive slope and a good fit, R² ≥ 0.8:
//       the count climbs steadily rather than jumping about;
//    c. a rise from the first to the last sample of at least max(5, 20 % of the first count):
//       drifting from 2 to 3 is no leak;
//    d. no drop back to the baseline: after the first minute, no sample is at or below the baseline
//       (the lowest count in that first minute). A server whose connections do close keeps returning
//       there, which is how a sawtooth of busy periods is told apart from a leak.
//    Message: "+48 connections in 5 min, none closed" when the count never went down between two
//    samples, otherwise "+48 connections in 5 min, steady rise (R² 0.93)".
// 2. Idle connections. A connection idle for at least the idle limit (socketHygiene.idleLimitSeconds):
//    its idleMs, or its ageMs when the endpoint does not report idleness, or how long the panel has
//    seen it when it reports neither. Message: "3 connections idle over 5 min (longest 12 min)".
// 3. Tracking gap. The endpoint reports openSockets (what is really open) and activeConnections
//    (what the program tracks) exceeds it by at least 5 and by at least 10 % of activeConnections:
//    the program keeps records of sockets that are gone. Message: "tracking 200, 3 open".
// 4. Retained after close rises. The endpoint reports retainedAfterClose (closed sockets still reachable
//    after two major GCs: nothing but a leak keeps them). Take the samples of the last 10 minutes after
//    the last restart that carry that count (it moves only when the program's own major GCs run, which
//    may be minutes apart). The signal fires when the latest count exceeds the lowest count before it by
//    at least 3: one or two may be held for a moment by a pending callback. Message:
//    "+48 sockets retained after close in 4 min (now 50)".

export interface CountSample {
  t: number;
  count: number | null;
  restart: boolean;
  /** retainedAfterClose, when the endpoint reports it. */
  retained?: number | null;
}

export interface ConnectionIdleness {
  /** Milliseconds since the connection last moved data, or since it was opened or first seen. */
  idleMs: number;
}

export interface LeakSignalInput {
  samples: readonly CountSample[];
  now: number;
  idleLimitMs: number;
  connections: readonly ConnectionIdleness[];
  activeConnections?: number;
  openSockets?: number;
}

export type LeakKind = 'rise' | 'idle' | 'gap' | 'retained';

export interface LeakWarning {
  kind: LeakKind;
  message: string;
}

export const RISE_WINDOW_MS = 5 * 60_000;
export const RISE_MIN_SAMPLES = 10;
export const RISE_MIN_SPAN_MS = 2 * 60_000;
export const RISE_MIN_R2 = 0.8;
export const BASELINE_MS = 60_000;
export const GAP_MIN = 5;
export const RETAINED_WINDOW_MS = 10 * 60_000;
export const RETAINED_MIN_RISE = 3;

export interface LineFit {
  /** Connections per millisecond. */
  slope: number;
  /** Coefficient of determination; 0 for a flat series (nothing to explain). */
  r2: number;
}

export function fitLine(points: readonly { x: number; y: number }[]): LineFit {
  const n = points.length;
  if (n < 2) return { slope: 0, r2: 0 };
  let sumX = 0;
  let sumY = 0;
  for (const point of points) {
    sumX += point.x;
    sumY += point.y;
  }
  const meanX = sumX / n;
  const meanY = sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const point of points) {
    const dx = point.x - meanX;
    const dy = point.y - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return { slope: 0, r2: 0 };
  const slope = sxy / sxx;
  // For a least-squares line, R² = 1 − SSres/SStot = sxy² / (sxx · syy).
  return { slope, r2: (sxy * sxy) / (sxx * syy) };
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}

/** The samples the rise rule looks at: last 5 minutes, after the last restart, with a value. */
export function riseWindow(samples: readonly CountSample[], now: number): { t: number; count: number }[] {
  let start = 0;
  samples.forEach((sample, index) => {
    if (sample.restart) start = index;
  });
  const from = now - RISE_WINDOW_MS;
  const window: { t: number; count: number }[] = [];
  for (const sample of samples.slice(start)) {
    if (sample.t >= from && sample.t <= now && sample.count !== null) window.push({ t: sample.t, count: sample.count });
  }
  return window;
}

export function checkRise(samples: readonly CountSample[], now: number): LeakWarning | undefined {
  const window = riseWindow(samples, now);
  const first = window[0];
  const last = window.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const span = last.t - first.t;
  if (window.length < RISE_MIN_SAMPLES || span < RISE_MIN_SPAN_MS) return undefined;

  const fit = fitLine(window.map((sample) => ({ x: sample.t - first.t, y: sample.count })));
  if (fit.slope <= 0 || fit.r2 < RISE_MIN_R2) return undefined;

  const rise = last.count - first.count;
  if (rise < Math.max(5, 0.2 * first.count)) return undefined;

  let baseline = Infinity;
  for (const sample of window) {
    if (sample.t - first.t > BASELINE_MS) break;
    baseline = Math.min(baseline, sample.count);
  }
  const droppedBack = window.some((sample) => sample.t - first.t > BASELINE_MS && sample.count <= baseline);
  if (droppedBack) return undefined;

  const noneClosed = window.every((sample, index) => index === 0 || sample.count >= (window[index - 1]?.count ?? 0));
  const how = noneClosed ? 'none closed' : `steady rise (R² ${fit.r2.toFixed(2)})`;
  return { kind: 'rise', message: `+${rise} connections in ${formatDuration(span)}, ${how}` };
}

export function checkIdle(connections: readonly ConnectionIdleness[], idleLimitMs: number): LeakWarning | undefined {
  if (!(idleLimitMs > 0)) return undefined;
  let count = 0;
  let longest = 0;
  for (const connection of connections) {
    if (connection.idleMs >= idleLimitMs) {
      count += 1;
      longest = Math.max(longest, connection.idleMs);
    }
  }
  if (count === 0) return undefined;
  const noun = count === 1 ? 'connection' : 'connections';
  return {
    kind: 'idle',
    message: `${count} ${noun} idle over ${formatDuration(idleLimitMs)} (longest ${formatDuration(longest)})`,
  };
}

export function checkGap(activeConnections?: number, openSockets?: number): LeakWarning | undefined {
  if (activeConnections === undefined || openSockets === undefined) return undefined;
  const gap = activeConnections - openSockets;
  if (gap < GAP_MIN || gap < 0.1 * activeConnections) return undefined;
  return { kind: 'gap', message: `tracking ${activeConnections}, ${openSockets} open` };
}

/** Samples after the last restart, within the window, that carry a retained count. */
export function checkRetained(samples: readonly CountSample[], now: number): LeakWarning | undefined {
  let start = 0;
  samples.forEach((sample, index) => {
    if (sample.restart) start = index;
  });
  const from = now - RETAINED_WINDOW_MS;
  const window: { t: number; retained: number }[] = [];
  for (const sample of samples.slice(start)) {
    if (sample.t >= from && sample.t <= now && typeof sample.retained === 'number') window.push({ t: sample.t, retained: sample.retained });
  }
  const latest = window.at(-1);
  if (latest === undefined) return undefined;
  let lowest = latest;
  for (const sample of window.slice(0, -1)) if (sample.retained < lowest.retained) lowest = sample;
  const rise = latest.retained - lowest.retained;
  if (rise < RETAINED_MIN_RISE) return undefined;
  const noun = rise === 1 ? 'socket' : 'sockets';
  return {
    kind: 'retained',
    message: `+${rise} ${noun} retained after close in ${formatDuration(latest.t - lowest.t)} (now ${latest.retained})`,
  };
}

export function leakWarnings(input: LeakSignalInput): LeakWarning[] {
  const warnings = [
    checkRise(input.samples, input.now),
    checkIdle(input.connections, input.idleLimitMs),
    checkGap(input.activeConnections, input.openSockets),
    checkRetained(input.samples, input.now),
  ];
  return warnings.filter((warning): warning is LeakWarning => warning !== undefined);
}
