// Item 2: our rules' cost per 1,000 lines at 1k, 10k and 100k lines of generated socket code. The rules'
// own time comes from ESLint's per-rule stats, so parsing (linear anyway) does not hide a quadratic pass.
import { Linter } from 'eslint';
import plugin from 'eslint-plugin-socket-hygiene';
import { figure } from './lib/figures.mjs';
import { generateSocketCode, generateWorstCase } from './lib/generate.mjs';

const config = [
  { files: ['**/*.js'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } },
  { files: ['**/*.js'], ...plugin.configs.recommended },
];

function lintOnce(linter, text) {
  const started = performance.now();
  // Per-rule times exist only on verifyAndFix; fix: false keeps it to verify's one pass.
  const { messages } = linter.verifyAndFix(text, config, { filename: 'generated.js', stats: true, fix: false });
  const totalMs = performance.now() - started;
  let rulesMs = 0;
  for (const pass of linter.getTimes().passes) {
    for (const time of Object.values(pass.rules ?? {})) rulesMs += time.total;
  }
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`generated code does not parse: ${fatal.message}`);
  return { totalMs, rulesMs, findings: messages.length };
}

function measure(linter, text, runs) {
  const lines = text.split('\n').length;
  for (let warmUp = 0; warmUp < 3; warmUp += 1) lintOnce(linter, text);
  const total = [];
  const rules = [];
  let findings = 0;
  for (let run = 0; run < runs; run += 1) {
    const result = lintOnce(linter, text);
    total.push((result.totalMs / lines) * 1000);
    rules.push((result.rulesMs / lines) * 1000);
    findings = result.findings;
  }
  return { lines, findings, total, rules };
}

export function measureScaling({ runs = 9 } = {}) {
  const linter = new Linter({ configType: 'flat' });
  const raw = {};
  for (const lines of [1_000, 10_000, 100_000]) raw[lines] = measure(linter, generateSocketCode(lines), runs);
  const worst = measure(linter, generateWorstCase(5_000, 5_000), runs);
  const summary = ({ lines, findings, total, rules }) => ({
    lines,
    findings,
    totalMsPer1000Lines: figure(total, 'ms'),
    rulesMsPer1000Lines: figure(rules, 'ms'),
  });
  // Run i of the largest over run i of the smallest: a ratio per run, so min and max mean something.
  const ratio = (key) => raw[100_000][key].map((value, i) => value / raw[1_000][key][i]);
  return {
    sizes: Object.fromEntries(Object.entries(raw).map(([lines, result]) => [lines, summary(result)])),
    // The figure: the whole lint with our rules only, per line, largest file over smallest.
    perLineRatio: figure(ratio('total'), 'ratio'),
    // Our rules' own time alone (ESLint's per-rule stats), the stricter view of the same question.
    rulesPerLineRatio: figure(ratio('rules'), 'ratio'),
    worstCase: summary(worst),
  };
}
