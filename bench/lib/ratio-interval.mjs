// How far apart two medians could be, given the spread of the runs they come from: a paired bootstrap of
// median(ours) / median(floor) - 1. The rounds of the editor bench lint both variants back to back, so a busy
// moment of the shared machine falls on both of a pair: resampling whole pairs keeps that, and the interval
// then says whether a goal such as "at most 20 % above the floor" is met, missed, or not decided by this run
// (2026-12-03, idle machine: the same build's jsOverFloor read +20.2 % and +27.1 % in two shorter runs).
import { median } from './figures.mjs';
import { seeded } from './seeded.mjs';

/**
 * The central `confidence` interval of median(ours) / median(floor) - 1 over `resamples` paired resamples.
 * `ours[i]` and `floor[i]` must come from the same round.
 * @returns {{ low: number, high: number }}
 */
export function ratioInterval(ours, floor, { resamples = 2000, confidence = 0.95, seed = 1 } = {}) {
  if (ours.length !== floor.length || ours.length === 0) throw new Error('ratioInterval needs paired runs of equal, non-zero count');
  const random = seeded(seed);
  const count = ours.length;
  const ratios = [];
  const a = new Array(count);
  const b = new Array(count);
  for (let r = 0; r < resamples; r += 1) {
    for (let i = 0; i < count; i += 1) {
      const pick = Math.floor(random() * count);
      a[i] = ours[pick];
      b[i] = floor[pick];
    }
    ratios.push(median(a) / median(b) - 1);
  }
  ratios.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return { low: ratios[Math.floor(tail * resamples)], high: ratios[Math.min(resamples - 1, Math.ceil((1 - tail) * resamples) - 1)] };
}
