// The selection change and the command of one click open a row once; a later click, or another row, opens again.
import { describe, expect, it } from 'vitest';
import { RecentOpens, SAME_CLICK_MS } from '../../../src/panel/recent-opens';

describe('RecentOpens', () => {
  it('lets the first of a click\'s two openings through and not the second', () => {
    const opens = new RecentOpens();
    expect(opens.claim('row-a', 1000)).toBe(true);
    expect(opens.claim('row-a', 1000 + SAME_CLICK_MS - 1)).toBe(false);
  });

  it('opens the same row again on a later click', () => {
    const opens = new RecentOpens();
    expect(opens.claim('row-a', 1000)).toBe(true);
    expect(opens.claim('row-a', 1000 + SAME_CLICK_MS)).toBe(true);
  });

  it('opens another row at once', () => {
    const opens = new RecentOpens();
    expect(opens.claim('row-a', 1000)).toBe(true);
    expect(opens.claim('row-b', 1001)).toBe(true);
    expect(opens.claim('row-a', 1002)).toBe(true);
  });
});
