import { describe, expect, it } from 'vitest';
import { median } from '../lib/figures.mjs';
import { ratioInterval } from '../lib/ratio-interval.mjs';

describe('ratioInterval', () => {
  it('is a point when every pair has the same ratio', () => {
    const floor = [100, 110, 90, 105, 95];
    const { low, high } = ratioInterval(floor.map((x) => x * 1.2), floor);
    expect(low).toBeCloseTo(0.2, 10);
    expect(high).toBeCloseTo(0.2, 10);
  });

  it('holds the ratio of the medians and widens with the spread of the runs', () => {
    const floor = Array.from({ length: 200 }, (_, i) => 100 + (i % 10));
    const tight = floor.map((x, i) => x * 1.2 + (i % 3) - 1);
    const loose = floor.map((x, i) => x * 1.2 + ((i * 37) % 41) - 20);
    const narrow = ratioInterval(tight, floor);
    const wide = ratioInterval(loose, floor);
    for (const [ours, { low, high }] of [[tight, narrow], [loose, wide]]) {
      const point = median(ours) / median(floor) - 1;
      expect(low).toBeLessThanOrEqual(point);
      expect(high).toBeGreaterThanOrEqual(point);
    }
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });

  it('gives the same interval for the same runs', () => {
    const floor = Array.from({ length: 50 }, (_, i) => 100 + ((i * 7) % 13));
    const ours = floor.map((x, i) => x + 20 + ((i * 11) % 9));
    expect(ratioInterval(ours, floor)).toEqual(ratioInterval(ours, floor));
  });

  it('refuses runs that are not paired', () => {
    expect(() => ratioInterval([1, 2], [1])).toThrow(/paired/);
  });
});
