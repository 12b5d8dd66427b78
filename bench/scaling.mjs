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

/**
 * Every run lints about 100,000 lines of each size (the 1k file 100 times, the 10k file 10 times, the 100k
 * file once), the sizes in an order that rotates from run to run: each figure then covers the same amount
 * of work and the same stretch of machine noise, instead of a 30 ms lint against a 5 s one.
 */
function measureSizes(linter, texts, runs) {
  const sizes = texts.map((text) => {
    const lines = text.split('\n').length;
    return { text, lines, repeats: Math.max(1, Math.round(100_000 / lines)), findings: 0, total: [], rules: [] };
  });
  for (const size of sizes) for (let warmUp = 0; warmUp < 3; warmUp += 1) lintOnce(linter, size.text);
  for (let run = 0; run < runs; run += 1) {
    for (let k = 0; k < sizes.length; k += 1) {
      const size = sizes[(run + k) % sizes.length];
      let totalMs = 0;
      let rulesMs = 0;
      for (let repeat = 0; repeat < size.repeats; repeat += 1) {
        const result = lintOnce(linter, size.text);
        totalMs += result.totalMs;
        rulesMs += result.rulesMs;
        size.findings = result.findings;
      }
      const perThousand = 1000 / (size.lines * size.repeats);
      size.total.push(totalMs * perThousand);
      size.rules.push(rulesMs * perThousand);
    }
  }
  return sizes;
}

export function measureScaling({ runs = 7 } = {}) {
  const linter = new Linter({ configType: 'flat' });
  const [small, medium, large] = measureSizes(
    linter,
    [1_000, 10_000, 100_000].map((lines) => generateSocketCode(lines)),
    runs,
  );
  const raw = { 1000: small, 10000: medium, 100000: large };
  const [worst] = measureSizes(linter, [generateWorstCase(5_000, 5_000)], runs);
  const summary = ({ lines, repeats, findings, total, rules }) => ({
    lines,
    repeatsPerRun: repeats,
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
