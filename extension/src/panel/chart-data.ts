// What the History webview draws, prepared in the extension host: uPlot's column arrays (time in
// seconds, count, heapUsed in MB), the endpoint's name and the warnings, all plain JSON for postMessage.
import type { EndpointSnapshot } from './endpoint-monitor.js';

export interface ChartData {
  type: 'history';
  endpoint: { name: string; url: string } | null;
  /** Seconds since the epoch, as uPlot's time axis wants. */
  t: number[];
  count: (number | null)[];
  heapUsedMB: (number | null)[];
  warnings: string[];
  problem: string | null;
  state: string;
}

export function emptyChartData(): ChartData {
  return { type: 'history', endpoint: null, t: [], count: [], heapUsedMB: [], warnings: [], problem: null, state: 'detached' };
}

export function chartData(snapshot: EndpointSnapshot | undefined): ChartData {
  if (snapshot === undefined) return emptyChartData();
  const samples = snapshot.history.all;
  const t = new Array<number>(samples.length);
  const count = new Array<number | null>(samples.length);
  const heapUsedMB = new Array<number | null>(samples.length);
  samples.forEach((sample, index) => {
    t[index] = sample.t / 1000;
    count[index] = sample.count;
    heapUsedMB[index] = sample.heapUsed === null ? null : Math.round((sample.heapUsed / (1024 * 1024)) * 10) / 10;
  });
  return {
    type: 'history',
    endpoint: { name: snapshot.definition.name, url: snapshot.definition.url },
    t,
    count,
    heapUsedMB,
    warnings: snapshot.warnings.map((warning) => warning.message),
    problem: snapshot.problem ?? null,
    state: snapshot.state,
  };
}
