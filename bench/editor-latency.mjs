// Item 4: what the editor waits for. The extension's own lint-and-convert (`lintAndConvert` of the lint core,
// bundled exactly as dist/lint.js is, TypeScript parser beside it) on a 2,000-line JavaScript and TypeScript
// file, outside VS Code: median and p95 over 200 runs after warm-up. Each run is paired with a run of the
// same path with every rule off (parse, scope analysis and traversal only: the floor), alternating, so the
// rules' share is measured side by side; and the parser alone is timed, with the options ESLint gives it.
// And the activation time in the real VS Code (bench/lib/activation.mjs).
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as espree from 'espree';
import { measureActivation } from './lib/activation.mjs';
import { bundleFolder, loadLintCore } from './lib/bundle.mjs';
import { javascriptFixture, typescriptFixture } from './lib/editor-fixtures.mjs';
import { figure, percentile } from './lib/figures.mjs';
import { generateSocketCode } from './lib/generate.mjs';
import { ensurePackaged } from './lib/vsix.mjs';

const LINES = 2000;
const RUNS = Number(process.env.BENCH_EDITOR_RUNS ?? 200);
const WARMUP_RUNS = 30;
const PARSE_RUNS = 50;
const ACTIVATION_RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 5); // 0 skips the activation runs

/** One statistic of `runs` samples (a p95), in the results file's shape. */
function statistic(value, runs, unit) {
  const rounded = Number(value.toPrecision(4));
  return { median: rounded, min: rounded, max: rounded, runs, unit };
}

async function timeLint(lintAndConvert, text, fileName, settings) {
  const started = performance.now();
  const result = await lintAndConvert(text, fileName, settings);
  const ms = performance.now() - started;
  if (result.syntaxError) throw new Error(`${fileName} does not parse: ${result.syntaxError.message}`);
  if (result.ruleFailures.length > 0) throw new Error(`a rule failed on ${fileName}: ${result.ruleFailures[0].message}`);
  return { ms, problems: result.problems.length };
}

/** The parse step alone, called as ESLint's JavaScript language calls it (languages/js/index.js). */
function parserOf(language, bundleFolderPath) {
  const options = (fileName) => ({
    ecmaVersion: 'latest',
    sourceType: 'commonjs',
    ecmaFeatures: { jsx: language === 'js' },
    loc: true,
    range: true,
    tokens: true,
    comment: true,
    eslintVisitorKeys: true,
    eslintScopeManager: true,
    filePath: fileName,
  });
  if (language === 'js') return (text, fileName) => espree.parse(text, options(fileName));
  const parser = createRequire(import.meta.url)(path.join(bundleFolderPath, 'typescript-parser.js'));
  return (text, fileName) => parser.parseForESLint(text, options(fileName));
}

function timeParse(parse, text, fileName, runs) {
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    parse(text, fileName);
    times.push(performance.now() - started);
  }
  return times;
}

export async function measureEditorLatency() {
  const bundles = bundleFolder();
  // Not on disk: only the name matters (its extension picks the parser; no package.json above it: CommonJS).
  const folder = path.join(os.tmpdir(), 'socket-hygiene-editor-bench');
  const files = {
    js: { fileName: path.join(folder, 'server.js'), text: javascriptFixture(generateSocketCode, LINES) },
    ts: { fileName: path.join(folder, 'server.ts'), text: typescriptFixture(LINES) },
  };
  const figures = {};
  try {
    const { lintAndConvert, DEFAULT_SETTINGS } = await loadLintCore(bundles.folder);
    const rulesOff = {
      ...DEFAULT_SETTINGS,
      rules: Object.fromEntries(Object.keys(DEFAULT_SETTINGS.rules).map((name) => [name, 'off'])),
    };
    for (const [language, { fileName, text }] of Object.entries(files)) {
      // The first lint loads ESLint (and, for TypeScript, the parser bundle): what opening the first file costs.
      const first = await timeLint(lintAndConvert, text, fileName, DEFAULT_SETTINGS);
      for (let run = 0; run < WARMUP_RUNS; run += 1) {
        await timeLint(lintAndConvert, text, fileName, DEFAULT_SETTINGS);
        await timeLint(lintAndConvert, text, fileName, rulesOff);
      }
      const ours = [];
      const floor = [];
      for (let run = 0; run < RUNS; run += 1) {
        const pair = run % 2 === 0 ? [DEFAULT_SETTINGS, rulesOff] : [rulesOff, DEFAULT_SETTINGS];
        for (const settings of pair) {
          const { ms } = await timeLint(lintAndConvert, text, fileName, settings);
          (settings === rulesOff ? floor : ours).push(ms);
        }
      }
      const parse = parserOf(language, bundles.folder);
      timeParse(parse, text, fileName, WARMUP_RUNS);
      const parseOnly = timeParse(parse, text, fileName, Math.min(RUNS, PARSE_RUNS));
      Object.assign(figures, {
        [`${language}MedianMs`]: figure(ours, 'ms'),
        [`${language}P95Ms`]: statistic(percentile(ours, 95), ours.length, 'ms'),
        [`${language}RulesOffMedianMs`]: figure(floor, 'ms'),
        [`${language}ParseOnlyMs`]: figure(parseOnly, 'ms'),
        [`${language}FirstLintMs`]: figure([first.ms], 'ms'),
        [`${language}Problems`]: first.problems,
      });
    }
  } finally {
    bundles.remove();
  }
  figures.lines = LINES;

  if (ACTIVATION_RUNS > 0) {
    const { stale } = ensurePackaged();
    figures.activationMs = figure(await measureActivation(ACTIVATION_RUNS), 'ms');
    if (stale) figures.activationOnStaleVsix = true;
  }
  return figures;
}
