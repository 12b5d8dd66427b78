// A row that leads to a line opens on its selection and through its command (a click runs both, in either
// order, and either may be missing: a click on the row that is selected already changes no selection, and a
// click that first moves the focus into the tree may run no command). This keeps the second of the pair from
// opening the same row again within a short window.

/** Long enough for a click's selection change and command to both arrive; short enough for a deliberate re-click. */
export const SAME_CLICK_MS = 500;

export class RecentOpens {
  private last: { id: string; at: number } | undefined;

  /** True when `id` should open now; remembers it. False for the same row opened less than `SAME_CLICK_MS` ago. */
  claim(id: string, now: number): boolean {
    if (this.last !== undefined && this.last.id === id && now - this.last.at < SAME_CLICK_MS) return false;
    this.last = { id, at: now };
    return true;
  }
}
