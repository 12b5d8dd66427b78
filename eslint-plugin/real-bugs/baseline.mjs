// The ratchet: baseline.json keeps, per config, the cases caught when it was written, the caught cases whose
// fix did not lower the count (known exceptions), and each clean file's report count. Recall may only go up:
// a new baseline that drops a caught id is refused unless forced, and the test compares today's results
// with the committed file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUITE_DIR } from './cases.mjs';
import { CONFIG_NAMES } from './lint.mjs';

export const BASELINE_PATH = path.join(SUITE_DIR, 'baseline.json');

/** @returns {object | undefined} the committed baseline, or undefined when there is none yet */
export function readBaseline(file = BASELINE_PATH) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The baseline that today's lint results would make. */
export function baselineOf(results, date = new Date()) {
  const baseline = { written: date.toISOString().slice(0, 10), caught: {}, fixSilent: {}, cleanReports: {} };
  for (const config of CONFIG_NAMES) {
    const bugs = results.bugs.filter((result) => result.config === config);
    baseline.caught[config] = bugs.filter((result) => result.caught).map((result) => result.id).sort();
    baseline.fixSilent[config] = bugs
      .filter((result) => result.caught && !result.fixLowers)
      .map((result) => result.id)
      .sort();
    baseline.cleanReports[config] = Object.fromEntries(
      results.clean
        .filter((result) => result.config === config)
        .map((result) => [result.id, result.reports.length])
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return baseline;
}

/**
 * What today's results break against a baseline, one sentence each: a caught case no longer caught, a
 * caught case whose fix does not lower the count (not a known exception), a clean file with a
 * `recommended` report.
 */
export function ratchetProblems(results, baseline) {
  const problems = [];
  for (const config of CONFIG_NAMES) {
    const now = new Map(results.bugs.filter((result) => result.config === config).map((result) => [result.id, result]));
    for (const id of baseline?.caught?.[config] ?? []) {
      const result = now.get(id);
      if (!result) problems.push(`${config}: ${id} was caught in the baseline and is no longer in the suite (cases are never removed)`);
      else if (!result.caught) problems.push(`${config}: ${id} was caught in the baseline and is missed now`);
    }
    const known = new Set(baseline?.fixSilent?.[config] ?? []);
    for (const result of now.values()) {
      if (result.caught && !result.fixLowers && !known.has(result.id)) {
        problems.push(
          `${config}: ${result.id} is caught but its fix does not lower the ${result.rule} count (${result.beforeCount} before, ${result.afterCount} after)`,
        );
      }
    }
  }
  for (const result of results.clean.filter((result) => result.config === 'recommended')) {
    for (const report of result.reports) {
      problems.push(`recommended: clean file ${result.id} gets ${report.rule}/${report.messageId} at line ${report.line}`);
    }
  }
  return problems;
}

/** Caught ids of `previous` that `next` no longer has (what --write-baseline refuses without --force). */
export function droppedIds(previous, next) {
  const dropped = [];
  for (const config of CONFIG_NAMES) {
    const kept = new Set(next.caught[config]);
    for (const id of previous?.caught?.[config] ?? []) if (!kept.has(id)) dropped.push(`${config}: ${id}`);
  }
  return dropped;
}

export function writeBaseline(baseline, file = BASELINE_PATH) {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
