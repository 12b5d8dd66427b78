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
const RUNS = Number(process.env.BENCH_EDITOR_RUNS ?? 200); // 0 skips the lint timings
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
  const figures = {};
  // BENCH_EDITOR_RUNS=0 measures only the activation.
  if (RUNS > 0) {
    const bundles = bundleFolder();
    // Not on disk: only the name matters (its extension picks the parser; no package.json above it: CommonJS).
    const folder = path.join(os.tmpdir(), 'socket-hygiene-editor-bench');
    const files = {
      js: { fileName: path.join(folder, 'server.js'), text: javascriptFixture(generateSocketCode, LINES) },
      ts: { fileName: path.join(folder, 'server.ts'), text: typescriptFixture(LINES) },
    };
    try {
      const { lintAndConvert, DEFAULT_SETTINGS } = await loadLintCore(bundles.folder);
      const rulesOff = {
        ...DEFAULT_SETTINGS,
        rules: Object.fromEntries(Object.keys(DEFAULT_SETTINGS.rules).map((name) => [name, 'off'])),
      };
      const languages = Object.keys(files);
      const times = Object.fromEntries(languages.map((language) => [language, { first: 0, problems: 0, ours: [], floor: [], parse: [] }]));
      // The first lint loads ESLint (and, for TypeScript, the parser bundle): what opening the first file costs.
      for (const language of languages) {
        const { ms, problems } = await timeLint(lintAndConvert, files[language].text, files[language].fileName, DEFAULT_SETTINGS);
        Object.assign(times[language], { first: ms, problems });
      }
      // Every round lints each file with and without the rules, the order rotating from round to round, so that
      // a busy moment of the shared machine falls on all four alike.
      const variants = languages.flatMap((language) => [
        { language, settings: DEFAULT_SETTINGS, into: 'ours' },
        { language, settings: rulesOff, into: 'floor' },
      ]);
      for (let round = 0; round < WARMUP_RUNS + RUNS; round += 1) {
        for (let k = 0; k < variants.length; k += 1) {
          const { language, settings, into } = variants[(round + k) % variants.length];
          const { ms } = await timeLint(lintAndConvert, files[language].text, files[language].fileName, settings);
          if (round >= WARMUP_RUNS) times[language][into].push(ms);
        }
      }
      const parsers = Object.fromEntries(languages.map((language) => [language, parserOf(language, bundles.folder)]));
      for (let round = 0; round < WARMUP_RUNS + PARSE_RUNS; round += 1) {
        for (const language of languages) {
          const [ms] = timeParse(parsers[language], files[language].text, files[language].fileName, 1);
          if (round >= WARMUP_RUNS) times[language].parse.push(ms);
        }
      }
      for (const language of languages) {
        const { first, problems, ours, floor, parse } = times[language];
        Object.assign(figures, {
          [`${language}MedianMs`]: figure(ours, 'ms'),
          [`${language}P95Ms`]: statistic(percentile(ours, 95), ours.length, 'ms'),
          [`${language}RulesOffMedianMs`]: figure(floor, 'ms'),
          [`${language}ParseOnlyMs`]: figure(parse, 'ms'),
          [`${language}FirstLintMs`]: figure([first], 'ms'),
          [`${language}Problems`]: problems,
        });
      }
    } finally {
      bundles.remove();
    }
    figures.lines = LINES;
  }

  if (ACTIVATION_RUNS > 0) {
    const { stale } = ensurePackaged();
    figures.activationMs = figure(await measureActivation(ACTIVATION_RUNS), 'ms');
    if (stale) figures.activationOnStaleVsix = true;
  }
  return figures;
}
