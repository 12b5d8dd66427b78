#!/usr/bin/env node
// npm run bench: every figure of bench/README.md, printed as a table and merged into bench/results.json.
// `npm run bench -- lint scaling` runs only the named sections. Benchmarks, not tests: nothing here
// asserts a time; the goals are compared in the printed table and in bench/README.md.
import { machine, printSection, saveSection } from './lib/figures.mjs';
import { writeSummary } from './lib/summary.mjs';

const sections = {
  lint: async () => (await import('./lint-cost.mjs')).measureLintCost(),
  scaling: async () => (await import('./scaling.mjs')).measureScaling(),
  concurrency: async () => (await import('./concurrency.mjs')).measureConcurrency(),
  editor: async () => (await import('./editor-latency.mjs')).measureEditorLatency(),
  extension: async () => (await import('./extension-size.mjs')).measureExtension(),
  panel: async () => (await import('./panel.mjs')).measurePanel(),
  probe: async () => (await import('./probe-overhead.mjs')).measureProbeOverhead(),
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const chosen = wanted.length > 0 ? wanted : Object.keys(sections);
const unknown = chosen.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}

console.log(`machine: ${JSON.stringify(machine())}`);
console.log(`date: ${new Date().toISOString()}`);
let failed = 0;
for (const name of chosen) {
  const started = performance.now();
  try {
    const section = await sections[name]();
    saveSection(name, section);
    printSection(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`, section);
  } catch (error) {
    failed += 1;
    console.error(`\n${name}: failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
writeSummary();
console.log('\nwritten: bench/results.json and the table in bench/README.md');
process.exitCode = failed === 0 ? 0 : 1;
