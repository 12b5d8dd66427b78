// A Unicode sparkline of the last minute, for the endpoint row's description: "▁▂▃▅▆▇".
import type { HistorySample } from './history.js';

const BARS = '▁▂▃▄▅▆▇█';
export const SPARKLINE_WINDOW_MS = 60_000;
export const SPARKLINE_WIDTH = 12;

/**
 * Buckets the window into `width` slots (the highest count in each), scaled from the lowest to the
 * highest count of the window so that a climb shows even at 400 connections; a gap is a space.
 */
export function sparkline(samples: readonly HistorySample[], now: number, width = SPARKLINE_WIDTH, windowMs = SPARKLINE_WINDOW_MS): string {
  const from = now - windowMs;
  const buckets: (number | null)[] = new Array<number | null>(width).fill(null);
  let any = false;
  for (const sample of samples) {
    if (sample.t < from || sample.t > now || sample.count === null) continue;
    const slot = Math.min(width - 1, Math.floor(((sample.t - from) / windowMs) * width));
    const current = buckets[slot];
    buckets[slot] = current === null || current === undefined ? sample.count : Math.max(current, sample.count);
    any = true;
  }
  if (!any) return '';
  const values = buckets.filter((value): value is number => value !== null);
  const low = Math.min(...values);
  const high = Math.max(...values);
  // Drop the empty slots before the first answer, so a new endpoint's line starts at the left.
  const firstFilled = buckets.findIndex((value) => value !== null);
  return buckets
    .slice(firstFilled)
    .map((value) => {
      if (value === null) return ' ';
      if (high === low) return BARS[0];
      return BARS[Math.round(((value - low) / (high - low)) * (BARS.length - 1))];
    })
    .join('');
}
