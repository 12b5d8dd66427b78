// One measured figure as the results file stores it, the machine it was measured on, and the
// read-modify-write of bench/results.json (each section owns its own keys).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const resultsPath = path.join(benchRoot, 'results.json');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** @param {'ms'|'ratio'|'lines/s'|'bytes'} unit */
export function figure(values, unit) {
  const round = (value) => Number(value.toPrecision(4));
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.length,
    unit,
  };
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Merges one section into bench/results.json and stamps the machine and date. */
export function saveSection(key, section) {
  const results = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
  results.machine = machine();
  results.date = new Date().toISOString();
  results[key] = { ...section, measuredAt: results.date };
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}

export function formatFigure(value) {
  if (typeof value !== 'object' || value === null) return String(value);
  const { median: m, min, max, unit } = value;
  const show = (x) => (unit === 'ratio' ? `${(x * 100).toFixed(1)} %` : unit === 'bytes' ? `${Math.round(x)} B` : `${x}`);
  return `${show(m)}${unit === 'ratio' || unit === 'bytes' ? '' : ` ${unit}`}  (min ${show(min)}, max ${show(max)}, n=${value.runs})`;
}

export function printSection(title, section) {
  console.log(`\n${title}`);
  const rows = (object, indent) => {
    for (const [key, value] of Object.entries(object)) {
      if (value && typeof value === 'object' && !('median' in value)) {
        console.log(`${indent}${key}`);
        rows(value, `${indent}  `);
      } else {
        console.log(`${indent}${key.padEnd(30 - indent.length)} ${formatFigure(value)}`);
      }
    }
  };
  rows(section, '  ');
}
