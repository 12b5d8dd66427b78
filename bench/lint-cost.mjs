// Item 1: what our rules add to a lint of real code. The same Linter, parser and in-memory file list run
// (a) with no rules (parse + traverse: the floor), (b) with our `recommended`, (c) with core no-unused-vars
// alone, alternating a/b/c in every round so that machine noise falls on all three alike.
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-socket-hygiene';
import { readCorpus } from '../corpus/sources.mjs';
import { figure } from './lib/figures.mjs';

const FILES = ['**/*.js', '**/*.cjs', '**/*.mjs'];

function variants() {
  // The libraries' own eslint comments speak of their own configs: ignore them so that every variant
  // lints the same thing and none of our findings is hidden by a blanket /* eslint-disable */.
  const base = (sourceType) => ({
    files: FILES,
    languageOptions: { ecmaVersion: 'latest', sourceType },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
  });
  return {
    floor: (sourceType) => [base(sourceType)],
    ours: (sourceType) => [base(sourceType), { files: FILES, ...plugin.configs.recommended }],
    noUnusedVars: (sourceType) => [base(sourceType), { files: FILES, rules: { 'no-unused-vars': 'error' } }],
  };
}

function lintAll(linter, corpus, configFor, stats = false) {
  const configs = { module: configFor('module'), commonjs: configFor('commonjs') };
  const ruleTimes = {};
  let fatal = 0;
  let findings = 0;
  const started = performance.now();
  for (const source of corpus) {
    // Per-rule times exist only on verifyAndFix (verify alone has no pass to store them in); fix: false
    // keeps it to the one pass that verify would make.
    const messages = stats
      ? linter.verifyAndFix(source.text, configs[source.sourceType], { filename: source.name, stats, fix: false }).messages
      : linter.verify(source.text, configs[source.sourceType], { filename: source.name });
    for (const message of messages) {
      if (message.fatal) fatal += 1;
      // Not ESLint's own notes on the libraries' ignored inline comments (noInlineConfig): only our rules.
      else if (message.ruleId?.startsWith('socket-hygiene/')) findings += 1;
    }
    if (stats) {
      for (const pass of linter.getTimes().passes) {
        for (const [ruleId, time] of Object.entries(pass.rules ?? {})) {
          ruleTimes[ruleId] = (ruleTimes[ruleId] ?? 0) + time.total;
        }
      }
    }
  }
  return { ms: performance.now() - started, fatal, findings, ruleTimes };
}

/**
 * One round lints every file with every variant back to back, in an order that rotates from file to file,
 * so a slow moment of a shared machine falls on all three variants alike instead of on one whole pass.
 */
function interleavedRound(linter, corpus, configs, round) {
  const names = Object.keys(configs);
  const perSourceType = Object.fromEntries(
    names.map((name) => [name, { module: configs[name]('module'), commonjs: configs[name]('commonjs') }]),
  );
  const ms = Object.fromEntries(names.map((name) => [name, 0]));
  corpus.forEach((source, index) => {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(index + round + k) % names.length];
      const started = performance.now();
      linter.verify(source.text, perSourceType[name][source.sourceType], { filename: source.name });
      ms[name] += performance.now() - started;
    }
  });
  return ms;
}

export async function measureLintCost({ runs = 7 } = {}) {
  const corpus = readCorpus();
  const lines = corpus.reduce((sum, source) => sum + source.lines, 0);
  const linter = new Linter({ configType: 'flat' });
  const configs = variants();
  const counts = {};
  for (const [name, configFor] of Object.entries(configs)) counts[name] = lintAll(linter, corpus, configFor); // warm-up
  const times = { floor: [], ours: [], noUnusedVars: [] };
  for (let round = 0; round < runs; round += 1) {
    const ms = interleavedRound(linter, corpus, configs, round);
    for (const name of Object.keys(times)) times[name].push(ms[name]);
  }
  const perRule = {};
  for (let round = 0; round < runs; round += 1) {
    const { ruleTimes } = lintAll(linter, corpus, configs.ours, true);
    for (const [ruleId, ms] of Object.entries(ruleTimes)) (perRule[ruleId] ??= []).push(ms);
  }
  const overheadVsFloor = times.ours.map((ours, i) => (ours - times.floor[i]) / times.floor[i]);
  const overheadVsNoUnusedVars = times.ours.map(
    (ours, i) => (ours - times.floor[i]) / (times.noUnusedVars[i] - times.floor[i]),
  );
  return {
    files: corpus.length,
    lines,
    parseErrors: counts.floor.fatal,
    findings: counts.ours.findings,
    floorMs: figure(times.floor, 'ms'),
    recommendedMs: figure(times.ours, 'ms'),
    noUnusedVarsMs: figure(times.noUnusedVars, 'ms'),
    overheadVsFloor: figure(overheadVsFloor, 'ratio'),
    overheadVsNoUnusedVars: figure(overheadVsNoUnusedVars, 'ratio'),
    linesPerSecond: figure(times.ours.map((ms) => lines / (ms / 1000)), 'lines/s'),
    ruleMs: Object.fromEntries(Object.entries(perRule).map(([ruleId, values]) => [ruleId, figure(values, 'ms')])),
  };
}
