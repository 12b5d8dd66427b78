// `socket-hygiene [paths]`: the plugin's recommended (or strict) config on a project that has no
// ESLint config for it, through ESLint's own API, file walking and formatters.
import path from 'node:path';

import type { ESLint as ESLintClass, Linter } from 'eslint';

import plugin from '../index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../meta.js';
import { ignoreConfigs } from './ignores.js';
import { parseOptions, USAGE, UsageError, type CliOptions } from './options.js';
import { progressOnStderr } from './progress.js';
import { toSarif } from './sarif.js';
import { findTypeScriptSupport } from './typescript-support.js';

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];
const TS_FILES = TS_EXTENSIONS.map((extension) => `**/*${extension}`);
const JSX_FILES = ['**/*.jsx', '**/*.tsx'];
/** How many skipped file names the one-line note spells out. */
const NOTE_NAMES = 5;

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
}

/** Runs the command; resolves with the exit code (0 clean, 1 findings, 2 usage or configuration error). */
export async function main(argv: readonly string[], cwd = process.cwd(), streams: Streams = process): Promise<number> {
  let options: CliOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.stderr.write(`socket-hygiene: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    streams.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.version) {
    streams.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  try {
    return await lint(options, cwd, streams);
  } catch (error) {
    // ESLint's own messages for a missing path, a formatter it cannot find, a config problem
    streams.stderr.write(`socket-hygiene: ${(error as Error).message}\n`);
    return 2;
  }
}

async function lint(options: CliOptions, cwd: string, streams: Streams): Promise<number> {
  // loaded here, not at the top, so --help and usage errors answer without ESLint's start-up cost
  const { ESLint } = await import('eslint');
  const typescript = await findTypeScriptSupport(cwd);
  const progress = progressOnStderr(streams.stderr);
  const pluginConfig = options.strict ? plugin.configs.strict : plugin.configs.recommended;
  const overrideConfig: Linter.Config[] = [
    ...ignoreConfigs(cwd),
    { ...pluginConfig, files: typescript.available ? [...JS_FILES, ...TS_FILES] : JS_FILES },
    { files: JSX_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    progress.config,
    typescript.available
      ? { files: TS_FILES, languageOptions: { parser: typescript.parser } }
      : // Matched but never parsed: ESLint still walks them (with the ignores), so the note can name them.
        { files: TS_FILES, processor: { meta: { name: 'socket-hygiene-cli/skip' }, preprocess: () => [], postprocess: () => [] } },
  ];
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig });
  let results = await eslint.lintFiles(options.paths);
  progress.done();

  if (!typescript.available) {
    const skipped = results.filter((result) => TS_EXTENSIONS.includes(path.extname(result.filePath)));
    if (skipped.length > 0) {
      results = results.filter((result) => !skipped.includes(result));
      const names = skipped.slice(0, NOTE_NAMES).map((result) => path.relative(cwd, result.filePath));
      const more = skipped.length > NOTE_NAMES ? ` and ${skipped.length - NOTE_NAMES} more` : '';
      streams.stderr.write(
        `socket-hygiene: ${skipped.length} TypeScript file(s) not linted, ${typescript.reason}: ${names.join(', ')}${more}\n`,
      );
    }
  }

  streams.stdout.write(await format(options.format, results, eslint, cwd));
  const errors = results.reduce((sum, result) => sum + result.errorCount + result.fatalErrorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    streams.stderr.write(`socket-hygiene: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

async function format(name: string, results: ESLintClass.LintResult[], eslint: ESLintClass, cwd: string): Promise<string> {
  if (name === 'sarif') {
    const rules = Object.fromEntries(
      Object.entries(plugin.rules).map(([id, rule]) => [`socket-hygiene/${id}`, { description: rule.meta?.docs?.description, url: rule.meta?.docs?.url }]),
    );
    const informationUri = 'https://github.com/socket-hygiene/socket-hygiene/tree/main/eslint-plugin#readme';
    const log = toSarif(results, { name: PACKAGE_NAME, version: PACKAGE_VERSION, informationUri, rules }, cwd);
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  const formatter = await eslint.loadFormatter(name);
  // the same context ESLint's CLI gives formatters (ESLint 9 formatters read cwd; the ESLint 10 types omit it)
  const context = { cwd, rulesMeta: eslint.getRulesMetaForResults(results) } as Parameters<typeof formatter.format>[1];
  return formatter.format(results, context);
}
