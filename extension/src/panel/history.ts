// The last 10 minutes of one endpoint: (time, count, heapUsed) per poll. It lives in the extension
// host so that a hidden and re-shown chart redraws at once with nothing lost.

export const HISTORY_WINDOW_MS = 10 * 60_000;

export interface HistorySample {
  /** Wall-clock time of the answer, ms since the epoch. */
  t: number;
  /** activeConnections, or null for a failed poll (the chart shows a gap, the leak rule skips it). */
  count: number | null;
  heapUsed: number | null;
  /** This answer came from a new process (uptime went back or pid changed): earlier samples are another run. */
  restart: boolean;
  /** retainedAfterClose of that answer, when the endpoint reports it (it lags: see leak-signal.ts). */
  retained?: number | null;
}

export class ConnectionHistory {
  private readonly samples: HistorySample[] = [];
  private lastUptime: number | undefined;
  private lastPid: number | undefined;

  constructor(private readonly windowMs = HISTORY_WINDOW_MS) {}

  recordReport(t: number, count: number, heapUsed: number, uptime: number, pid?: number, retained?: number): HistorySample {
    const restart =
      (this.lastUptime !== undefined && uptime < this.lastUptime) ||
      (pid !== undefined && this.lastPid !== undefined && pid !== this.lastPid);
    this.lastUptime = uptime;
    if (pid !== undefined) this.lastPid = pid;
    const sample: HistorySample = { t, count, heapUsed, restart };
    if (retained !== undefined) sample.retained = retained;
    return this.push(sample);
  }

  /** A failed poll: a gap in the chart, and the data before it stays. */
  recordGap(t: number): void {
    const last = this.samples.at(-1);
    if (last !== undefined && last.count === null) return;
    this.push({ t, count: null, heapUsed: null, restart: false });
  }

  get all(): readonly HistorySample[] {
    return this.samples;
  }

  /** Samples with a value from time `from` on. */
  since(from: number): HistorySample[] {
    return this.samples.filter((sample) => sample.t >= from && sample.count !== null);
  }

  clear(): void {
    this.samples.length = 0;
    this.lastUptime = undefined;
    this.lastPid = undefined;
  }

  private push(sample: HistorySample): HistorySample {
    this.samples.push(sample);
    const oldest = sample.t - this.windowMs;
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop]?.t ?? 0) < oldest) drop += 1;
    if (drop > 0) this.samples.splice(0, drop);
    return sample;
  }
}
