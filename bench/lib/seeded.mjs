// A small seeded pseudo-random generator (mulberry32) for the benchmarks: the same seed gives the same
// sequence, so a fixture stream or a bootstrap interval is the same from run to run.

/** @returns {() => number} numbers in [0, 1) */
export function seeded(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
