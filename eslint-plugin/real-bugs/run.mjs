#!/usr/bin/env node
// npm run real-bugs [-- --write-baseline [--force]]
// Lints every case of the real-bug suite with the built plugin, prints one line per case and config, the
// figures per rule, class and batch, and one summary line. Writes nothing unless --write-baseline.
import path from 'node:path';
import { BASELINE_PATH, baselineOf, droppedIds, ratchetProblems, readBaseline, writeBaseline } from './baseline.mjs';
import { readSuite } from './cases.mjs';
import { CONFIG_NAMES, figures, lintSuite } from './lint.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => !['--write-baseline', '--force'].includes(arg));
if (unknown.length) {
  console.error(`real-bugs: unknown argument ${unknown.join(' ')} (use --write-baseline [--force])`);
  process.exit(2);
}
const writing = args.includes('--write-baseline');
const force = args.includes('--force');

const suite = readSuite();
if (suite.problems.length) {
  console.error(`real-bugs: ${suite.problems.length} malformed case(s), fix them first:`);
  for (const problem of suite.problems) console.error(`  ${problem}`);
  process.exit(1);
}
if (!suite.bugs.length) {
  console.error('real-bugs: no cases found under eslint-plugin/real-bugs/bugs');
  process.exit(1);
}

let results;
try {
  results = await lintSuite(suite);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('real-bugs: the built plugin is missing; run `npm run build:plugin` first');
    process.exit(1);
  }
  throw error;
}

const percent = (part, whole) => (whole ? `${Math.round((100 * part) / whole)} %` : '-');
const pad = (text, width) => String(text).padEnd(width);

for (const result of results.bugs) {
  const fix = result.caught ? (result.fixLowers ? 'fix lowers' : 'fix silent-not-lower') : '';
  console.log(
    [
      pad(result.caught ? 'caught' : 'missed', 7),
      pad(fix, 21),
      pad(result.config, 12),
      pad(result.id, 40),
      pad(result.rule, 23),
      `class ${result.class}`,
      result.singleFile ? '' : '(not single-file)',
    ].join(' ').trimEnd(),
  );
}

for (const [title, key] of [['rule', 'rule'], ['class', 'class'], ['batch', 'batch']]) {
  console.log(`\nper ${title}:`);
  for (const [group, row] of figures(results.bugs, key)) {
    const cells = CONFIG_NAMES.map((config) => {
      const cell = row[config] ?? { caught: 0, total: 0 };
      return `${config} ${cell.caught}/${cell.total} (${percent(cell.caught, cell.total)})`;
    });
    console.log(`  ${pad(`${title} ${group}`, 32)} ${cells.join('   ')}`);
  }
}

const cleanCount = (config) =>
  results.clean.filter((result) => result.config === config).reduce((sum, result) => sum + result.reports.length, 0);
for (const result of results.clean) {
  for (const report of result.reports) {
    console.log(`clean ${result.config}: ${result.id} gets ${report.rule}/${report.messageId} at line ${report.line}`);
  }
}
for (const error of results.errors) console.error(`error: ${error}`);

const all = figures(results.bugs).get('all');
const singleFile = suite.bugs.filter((bug) => bug.singleFile).length;
const summary = CONFIG_NAMES.map((config) => {
  const cell = all[config];
  return `${config} ${cell.caught}/${cell.total} caught (${percent(cell.caught, cell.total)}), fix lowers ${cell.fixLowers}/${cell.caught}`;
});
console.log(
  `\nreal-bugs: ${suite.bugs.length} cases (${singleFile} single-file); ${summary.join('; ')}; ` +
    `clean files (${suite.clean.length}): recommended ${cleanCount('recommended')} reports, strict ${cleanCount('strict')}` +
    (results.errors.length ? `; ${results.errors.length} parse errors or crashes` : ''),
);

const baseline = readBaseline();
if (baseline) {
  const problems = ratchetProblems(results, baseline);
  if (problems.length) {
    console.log(`\nagainst baseline.json (${baseline.written}): ${problems.length} problem(s)`);
    for (const problem of problems) console.log(`  ${problem}`);
  } else {
    console.log(`\nagainst baseline.json (${baseline.written}): nothing lost`);
  }
} else {
  console.log('\nno baseline.json yet: `npm run real-bugs -- --write-baseline` stores today\'s results');
}

if (writing) {
  if (results.errors.length) {
    console.error('real-bugs: not writing a baseline while files fail to parse or rules crash');
    process.exit(1);
  }
  const next = baselineOf(results);
  const dropped = droppedIds(baseline, next);
  if (dropped.length && !force) {
    console.error(`real-bugs: not writing: the new baseline would drop ${dropped.length} caught case(s) (use --force):`);
    for (const id of dropped) console.error(`  ${id}`);
    process.exit(1);
  }
  writeBaseline(next);
  console.log(`wrote ${path.relative(process.cwd(), BASELINE_PATH)}`);
}
