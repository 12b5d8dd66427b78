// Lints the suite in memory with the plugin's `recommended` and `strict` configs, the same way as the corpus
// (corpus/lint.mjs): ESLint's Linter, the file's own eslint comments ignored, espree for JavaScript and
// @typescript-eslint/parser without type information for TypeScript. Then scores each case.
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

export const CONFIG_NAMES = ['recommended', 'strict'];

const JS_FILES = ['**/*.js', '**/*.cjs', '**/*.mjs'];
const TS_FILES = ['**/*.ts', '**/*.cts', '**/*.mts'];

function configFor(pluginConfig, sourceType) {
  return [
    {
      files: JS_FILES,
      languageOptions: { ecmaVersion: 'latest', sourceType },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    },
    {
      files: TS_FILES,
      languageOptions: { parser: tsParser, sourceType: 'module' },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    },
    { files: [...JS_FILES, ...TS_FILES], ...pluginConfig },
  ];
}

async function loadPlugin() {
  const module = await import('eslint-plugin-socket-hygiene');
  return module.default ?? module;
}

/**
 * The module system of a published .js file is that of its package's "type", which the suite does not keep:
 * .cjs/.mjs say it, otherwise a file that does not parse as CommonJS (import/export) is an ES module.
 */
function lintOne(linter, configs, text, name) {
  const ext = name.slice(name.lastIndexOf('.'));
  let messages = linter.verify(text, configs[ext === '.mjs' ? 'module' : 'commonjs'], { filename: name });
  if (ext === '.js' && messages.some((message) => message.fatal)) {
    const asModule = linter.verify(text, configs.module, { filename: name });
    if (!asModule.some((message) => message.fatal)) messages = asModule;
  }
  const parseError = messages.find((message) => message.fatal);
  const reports = messages
    .filter((message) => message.ruleId?.startsWith('socket-hygiene/'))
    .map((message) => ({
      rule: message.ruleId.slice('socket-hygiene/'.length),
      messageId: message.messageId,
      line: message.line,
      column: message.column,
    }));
  return { reports, parseError: parseError && `${parseError.line}:${parseError.column} ${parseError.message}` };
}

/**
 * @param {{ bugs: object[], clean: object[] }} suite from readSuite()
 * @param {{ plugin?: object }} [options] `plugin` defaults to the built package (eslint-plugin/dist); the test
 *   passes the plugin from src.
 */
export async function lintSuite(suite, { plugin } = {}) {
  plugin ??= await loadPlugin();
  const linter = new Linter({ configType: 'flat' });
  const errors = [];
  const bugs = [];
  const clean = [];
  const run = (configs, configName, text, name, label) => {
    try {
      const result = lintOne(linter, configs, text, name);
      if (result.parseError) errors.push(`${label} (${configName}): parse error ${result.parseError}`);
      return result.reports;
    } catch (error) {
      // A rule that throws takes the whole file down with it: recorded, never swallowed.
      errors.push(`${label} (${configName}): crash ${String(error?.stack ?? error)}`);
      return [];
    }
  };
  for (const configName of CONFIG_NAMES) {
    const configs = {
      module: configFor(plugin.configs[configName], 'module'),
      commonjs: configFor(plugin.configs[configName], 'commonjs'),
    };
    for (const bug of suite.bugs) {
      const name = `${bug.package}/${bug.file}`;
      const before = run(configs, configName, bug.beforeText, name, `${bug.id} before`);
      const after = run(configs, configName, bug.afterText, name, `${bug.id} after`);
      const ofRule = (reports) => reports.filter((report) => report.rule === bug.rule);
      const [first, last] = bug.bugLines;
      const caught = ofRule(before).some((report) => report.line >= first && report.line <= last);
      const beforeCount = ofRule(before).length;
      const afterCount = ofRule(after).length;
      bugs.push({
        id: bug.id,
        config: configName,
        rule: bug.rule,
        class: bug.class,
        batch: bug.batch,
        singleFile: bug.singleFile,
        caught,
        beforeCount,
        afterCount,
        fixLowers: afterCount < beforeCount,
        beforeReports: before,
      });
    }
    for (const file of suite.clean) {
      const reports = run(configs, configName, file.text, `${file.package}/${file.file}`, file.id);
      clean.push({ id: file.id, config: configName, reports });
    }
  }
  return { bugs, clean, errors };
}

/** Caught/total figures per config, overall and grouped by `key` (rule, class, batch). */
export function figures(bugResults, key) {
  const table = new Map();
  for (const result of bugResults) {
    const group = key ? String(result[key]) : 'all';
    const row = table.get(group) ?? {};
    const cell = (row[result.config] ??= { caught: 0, total: 0, fixLowers: 0 });
    cell.total += 1;
    if (result.caught) cell.caught += 1;
    if (result.caught && result.fixLowers) cell.fixLowers += 1;
    table.set(group, row);
  }
  return new Map([...table].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}
