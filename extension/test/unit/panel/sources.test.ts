import { describe, expect, it } from 'vitest';
import { describeSourceCounts, sortSourcesWorstFirst } from '../../../src/panel/sources.js';
import type { StatusSource } from '../../../src/panel/status-report.js';

function source(location: string, counts: Partial<StatusSource> = {}): StatusSource {
  return { location, kind: 'server', active: 0, retainedAfterClose: 0, withoutErrorListener: 0, idleOverTimeout: 0, closeWait: 0, ...counts };
}

describe('sortSourcesWorstFirst', () => {
  it('puts retained sockets first, then other problems, then the busiest, then by location', () => {
    const sorted = sortSourcesWorstFirst([
      source('/a.js:1:1', { active: 100 }),
      source('/b.js:1:1', { active: 1, withoutErrorListener: 1, closeWait: 2 }),
      source('/c.js:1:1', { retainedAfterClose: 1 }),
      source('/d.js:1:1', { active: 100 }),
      source('/e.js:1:1', { retainedAfterClose: 7 }),
    ]);
    expect(sorted.map((entry) => entry.location)).toEqual(['/e.js:1:1', '/c.js:1:1', '/b.js:1:1', '/a.js:1:1', '/d.js:1:1']);
  });
});

describe('describeSourceCounts', () => {
  it('always says kind and active, and the problems only when there are some', () => {
    expect(describeSourceCounts(source('/a.js:1:1', { kind: 'client', active: 3 }))).toBe('client · 3 active');
    expect(describeSourceCounts(source('/a.js:1:1', { active: 1200, retainedAfterClose: 50, withoutErrorListener: 3, idleOverTimeout: 2, closeWait: 1 }))).toBe(
      "server · 1,200 active · 50 retained after close · 3 without 'error' listener · 2 idle past their timeout · 1 in CLOSE_WAIT",
    );
  });
});
