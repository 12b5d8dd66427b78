import { describe, expect, it } from 'vitest';
import { renderSummary } from '../lib/summary.mjs';

const machine = { cpu: 'test', cores: 2, memoryGiB: 1, node: 'v20', platform: 'linux' };
const ratio = (median, min, max, interval) => ({ median, min, max, runs: 200, unit: 'ratio', ...(interval ? { interval: '95 % paired bootstrap' } : {}) });
const rowOf = (table, key) => table.split('\n').find((line) => line.startsWith(`| \`${key}\``));
const metOf = (table, key) => rowOf(table, key)?.split(' | ')[4];

describe('renderSummary', () => {
  it('judges a figure with an interval by the whole interval', () => {
    const table = (js, ts) => renderSummary({ machine, date: '2026-12-03T17:44:00Z', editor: { jsOverFloor: js, tsOverFloor: ts, measuredAt: '2026-12-03T17:44:00Z' } });
    const within = table(ratio(0.15, 0.12, 0.19, true), ratio(0.18, 0.11, 0.25, true));
    expect(metOf(within, 'editor.jsOverFloor')).toBe('yes');
    expect(metOf(within, 'editor.tsOverFloor')).toBe('not decided: the interval holds the goal');
    const over = table(ratio(0.25, 0.21, 0.3, true), ratio(0.18, 0.11, 0.25, false));
    expect(metOf(over, 'editor.jsOverFloor')).toBe('**no**');
    // without an interval, min and max are the runs' extremes: the median decides, as before
    expect(metOf(over, 'editor.tsOverFloor')).toBe('yes');
  });
});
