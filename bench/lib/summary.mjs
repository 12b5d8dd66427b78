// The latest figures as the table at the top of bench/README.md, rewritten between its markers by every
// `npm run bench`, so the README never shows a figure that results.json does not hold.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchRoot, resultsPath } from './figures.mjs';

const readmePath = path.join(benchRoot, 'README.md');
const BEGIN = '<!-- begin results table (npm run bench writes it) -->';
const END = '<!-- end results table -->';

/** key, what it is, goal as [test, text] or null; ratios are shown as % unless their key is in TIMES */
const TIMES = new Set([
  'lint.overheadVsNoUnusedVars',
  'scaling.perLineRatio',
  'scaling.rulesPerLineRatio',
  'concurrency.speedup',
  'concurrency.cacheSpeedup',
  'probe.p99Ratio',
  'probe.cpuPerRoundTripRatio',
  'probe.churnCpuPerConnectionRatio',
  'probe.retentionStallRatio',
]);
const ROWS = [
  ['lint.overheadVsFloor', 'our recommended over the floor (no rules) on the corpus', [(m) => m < 0.1, '< 10 %']],
  ['lint.overheadVsNoUnusedVars', "our added time over no-unused-vars' added time", [(m) => m < 1, '< 1×']],
  ['lint.linesPerSecond', 'corpus lines per second with our recommended', null],
  ['scaling.perLineRatio', 'per-line lint time (our rules only), 100k-line file over 1k-line file', [(m) => m <= 1.5, '≤ 1.5×']],
  ['scaling.rulesPerLineRatio', "the same for our rules' own time alone", [(m) => m <= 1.5, '≤ 1.5×']],
  ['concurrency.sameFindings', '--concurrency 2 and --cache find what a plain run finds', [(v) => v === true, 'true']],
  ['concurrency.speedup', 'plain over --concurrency 2 (2 cores)', null],
  ['concurrency.cacheSpeedup', 'plain over a warm --cache run', null],
  ['editor.hostBlockedMs', "longest extension-host thread time of one lint (the lint runs in the worker)", [(m) => m < 5, '< 5 ms']],
  ['editor.hostCpuMaxMs', 'the same lints: longest host-thread CPU time of one (the rest of the busy time is waiting for a core)', null],
  ['editor.hostIdleWorkerBlockedMs', "control, same rounds: longest host busy time over windows as long as the lints' with a worker that does no lint (what the host pays with no lint beside it)", null],
  ['editor.jsMedianMs', 'text sent to problems back through the worker, 2,000-line JavaScript file', [(m) => m < 78, '< 78 ms (before)']],
  ['editor.jsOverFloor', 'the same over the rules-off floor through the worker (in brackets: its 95 % interval, paired bootstrap over the rounds)', [(m) => m <= 0.2, '≤ 20 %']],
  ['editor.jsInProcessMedianMs', 'the same lint in-process on the host thread (the path before the worker), same run', null],
  ['editor.tsMedianMs', 'text sent to problems back through the worker, 2,000-line TypeScript file', [(m) => m < 115, '< 115 ms (before)']],
  ['editor.tsOverFloor', 'the same over the rules-off floor through the worker (in brackets: its 95 % interval)', [(m) => m <= 0.2, '≤ 20 %']],
  ['editor.tsP95Ms', 'the same, 95th percentile', null],
  ['editor.tsInProcessMedianMs', 'the same lint in-process on the host thread (the path before the worker), same run', null],
  ['editor.skippedFileMs', '2,000-line file naming no socket API, through the worker', [(m) => m < 1, '< 1 ms']],
  ['editor.tsFirstLintMs', "first TypeScript lint 2 s after the background parser load (the parser's code cache in place, as in every start but the first after an install)", [(m) => m < 300, '< 300 ms']],
  ['editor.tsFirstLintFirstStartMs', 'the same on the first start after an install or update (no code cache yet)', null],
  ['editor.tsFirstLintColdMs', 'the first TypeScript lint asked at activation (ESLint and the parser load first)', null],
  ['editor.activationMs', 'activation in VS Code 1.100.3 (code-server)', [(m) => m < 100, '< 100 ms']],
  ['extension.vsixBytes', 'the .vsix', [(m) => m < 4 * 2 ** 20, '< 4 MB']],
  ['panel.modelMs', '10,000-connection response: validation + tree model', [(m) => m < 100, '< 100 ms']],
  ['panel.chartMs', 'History chart redraw in headless Chromium', [(m) => m < 100, '< 100 ms']],
  ['probe.throughputLoss', 'echo throughput lost under the probe (1,000 connections)', [(m) => m < 0.03, '< 3 %']],
  ['probe.p99Ratio', 'p99 latency with the probe over without', null],
  ['probe.cpuPerRoundTripRatio', "the echo server's CPU time per round trip, with the probe over without", null],
  ['probe.churnThroughputLoss', 'short-lived connections per second lost under the probe', [(m) => m < 0.05, '< 5 %']],
  ['probe.churnCpuPerConnectionRatio', "the echo server's CPU time per short-lived connection, with the probe over without", null],
  ['probe.bytesPerSocket', 'heap per tracked socket', null],
  ['probe.sourceCaptureNs', "one client socket's source location (call site seen before)", null],
  ['probe.retentionStallRatio', 'POST /retention stall over a bare v8.getHeapSnapshot() of the same ~200 MB heap', [(m) => m <= 1.5, '≤ 1.5×']],
  ['probe.retentionStallMs', 'the program\'s longest stall during POST /retention (~200 MB heap)', null],
  ['probe.retentionMs', 'POST /retention, request to answer (~200 MB heap)', [(m) => m < 30_000, '< 30 s']],
  ['probe.retentionPeakRssMb', 'peak RSS of the program plus the analysis process during POST /retention', null],
  ['probe.retentionProgramPeakRssMb', "the program's part (V8's own snapshot included)", null],
  ['probe.retentionAnalysisPeakRssMb', "the analysis process's part", null],
  ['probe.bareSnapshotPeakRssMb', "the program's peak RSS during a bare v8.getHeapSnapshot() read to the end", null],
];

function lookup(results, key) {
  return key.split('.').reduce((value, part) => value?.[part], results);
}

function show(key, value) {
  if (typeof value === 'boolean') return String(value);
  const { median, min, max, runs, unit } = value;
  const one = (x) => {
    if (unit === 'ratio') return TIMES.has(key) ? `${x.toFixed(2)}×` : `${(x * 100).toFixed(1)} %`;
    if (unit === 'bytes') return `${Math.round(x).toLocaleString('en-US')} B`;
    if (unit === 'lines/s') return `${Math.round(x).toLocaleString('en-US')} lines/s`;
    if (unit === 'ns' || unit === 'MB') return `${Math.round(x).toLocaleString('en-US')} ${unit}`;
    return `${x} ms`;
  };
  return runs > 1 && min !== max ? `${one(median)} (${one(min)} – ${one(max)}, n=${runs})` : one(median);
}

/**
 * Whether a figure meets its goal. A figure with an `interval` (min/max hold a confidence interval, not the
 * runs' extremes) meets it only when the whole interval does, misses it only when none of it does, and is
 * otherwise left undecided by this run; such goals are upper bounds (`…OverFloor` ≤ 20 %).
 */
function metText(value, test) {
  if (typeof value === 'boolean') return test(value) ? 'yes' : '**no**';
  if (value.interval) return test(value.max) ? 'yes' : test(value.min) ? 'not decided: the interval holds the goal' : '**no**';
  return test(value.median) ? 'yes' : '**no**';
}

export function renderSummary(results) {
  const lines = [
    `Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, Node ${results.machine.node} (${results.machine.platform}). Medians, with min – max and the number of runs; "measured" is when that section last ran (UTC).`,
    '',
    '| figure | what | median (min – max, runs) | goal | met | measured |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [key, what, goal] of ROWS) {
    const value = lookup(results, key);
    if (value === undefined) continue;
    const met = goal ? metText(value, goal[0]) : '';
    const [group = '', name = ''] = key.split('.');
    const section = results[group];
    // the probe's retention and load figures can be measured apart (BENCH_PROBE_ONLY): each its own date
    const partMeasuredAt = /^(retention|bareSnapshot|snapshotText)/.test(name) ? section?.retentionMeasuredAt : section?.loadMeasuredAt;
    const measuredAt = partMeasuredAt ?? section?.measuredAt ?? results.date;
    const when = measuredAt.slice(0, 16).replace('T', ' ');
    lines.push(`| \`${key}\` | ${what} | ${show(key, value)} | ${goal ? goal[1] : ''} | ${met} | ${when} |`);
  }
  return lines.join('\n');
}

export function writeSummary() {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`bench/README.md lacks the markers ${BEGIN} … ${END}`);
  writeFileSync(readmePath, `${readme.slice(0, start + BEGIN.length)}\n${renderSummary(results)}\n${readme.slice(end)}`);
}
