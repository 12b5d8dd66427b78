// The "Sources" group: the places sockets come from, worst first, each with its counts in words.
import { formatCount } from './format.js';
import type { StatusSource } from './status-report.js';

/**
 * Worst first: sockets retained after close (a leak for certain), then the sum of the other problems
 * (no 'error' listener, idle past the timeout, CLOSE_WAIT), then the most active; ties by location.
 */
export function sortSourcesWorstFirst(sources: readonly StatusSource[]): StatusSource[] {
  const problems = (source: StatusSource): number => source.withoutErrorListener + source.idleOverTimeout + source.closeWait;
  return [...sources].sort(
    (a, b) =>
      b.retainedAfterClose - a.retainedAfterClose ||
      problems(b) - problems(a) ||
      b.active - a.active ||
      (a.location < b.location ? -1 : a.location > b.location ? 1 : 0),
  );
}

/** True when any count of the source is a problem. */
export function sourceHasProblem(source: StatusSource): boolean {
  return source.retainedAfterClose + source.withoutErrorListener + source.idleOverTimeout + source.closeWait > 0;
}

/** "server · 12 active · 50 retained after close · 3 without 'error' listener": problem counts only when not 0. */
export function describeSourceCounts(source: StatusSource): string {
  const parts = [source.kind, `${formatCount(source.active)} active`];
  if (source.retainedAfterClose > 0) parts.push(`${formatCount(source.retainedAfterClose)} retained after close`);
  if (source.withoutErrorListener > 0) parts.push(`${formatCount(source.withoutErrorListener)} without 'error' listener`);
  if (source.idleOverTimeout > 0) parts.push(`${formatCount(source.idleOverTimeout)} idle past their timeout`);
  if (source.closeWait > 0) parts.push(`${formatCount(source.closeWait)} in CLOSE_WAIT`);
  return parts.join(' · ');
}
