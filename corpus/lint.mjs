// Lints the corpus with the plugin's `recommended` and `strict` configs, in memory, with the same settings
// as the benchmark (bench/lint-cost.mjs): every file under its own module system, the libraries' own
// eslint comments ignored so that none of our findings is hidden by a blanket /* eslint-disable */.
// Used by corpus/report.mjs (writes eslint-plugin/docs/real-world.md) and eslint-plugin/tests/real-world.test.ts.
import { createHash } from 'node:crypto';
import { Linter } from 'eslint';
import { packageOf, versionOf } from './files.mjs';
import { readCorpus } from './sources.mjs';

export const CONFIG_NAMES = ['recommended', 'strict'];

const FILES = ['**/*.js', '**/*.cjs', '**/*.mjs'];

/**
 * The short hash of a reported line's text (whitespace-trimmed): a verdict is bound to it, so a new version
 * of a library that moves or changes the line shows up as a stale verdict instead of silently matching.
 */
export function lineHash(lineText) {
  return createHash('sha256').update(lineText.trim()).digest('hex').slice(0, 8);
}

/** The stable key of a finding: package-relative file, line, rule and message id. */
export function findingKey({ file, line, ruleId, messageId }) {
  return `${file}:${line} ${ruleId.replace(/^socket-hygiene\//, '')}/${messageId}`;
}

function configFor(pluginConfig, sourceType) {
  return [
    {
      files: FILES,
      languageOptions: { ecmaVersion: 'latest', sourceType },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    },
    { files: FILES, ...pluginConfig },
  ];
}

async function loadPlugin() {
  const module = await import('eslint-plugin-socket-hygiene');
  return module.default ?? module;
}

/**
 * @param {{ plugin?: object, corpus?: ReturnType<typeof readCorpus> }} [options] `plugin` defaults to the
 *   built package (eslint-plugin/dist); the test passes the plugin from src.
 * @returns {Promise<{
 *   packages: { name: string, version: string, files: number, lines: number }[],
 *   files: number, lines: number,
 *   findings: { key: string, package: string, version: string, file: string, line: number, column: number,
 *     endLine: number, ruleId: string, messageId: string, message: string, lineText: string, hash: string,
 *     configs: ('recommended'|'strict')[] }[],
 *   parseErrors: { file: string, config: string, line: number, message: string }[],
 *   crashes: { file: string, config: string, message: string }[],
 *   ms: Record<string, number>,
 * }>}
 */
export async function lintCorpus({ plugin, corpus = readCorpus() } = {}) {
  plugin ??= await loadPlugin();
  const linter = new Linter({ configType: 'flat' });
  const byKey = new Map();
  const parseErrors = [];
  const crashes = [];
  const ms = {};
  const packages = new Map();
  for (const source of corpus) {
    const name = packageOf(source.file);
    const entry = packages.get(name) ?? { name, version: versionOf(name), files: 0, lines: 0 };
    entry.files += 1;
    entry.lines += source.lines;
    packages.set(name, entry);
  }

  for (const configName of CONFIG_NAMES) {
    const configs = {
      module: configFor(plugin.configs[configName], 'module'),
      commonjs: configFor(plugin.configs[configName], 'commonjs'),
    };
    const started = performance.now();
    for (const source of corpus) {
      let messages;
      try {
        messages = linter.verify(source.text, configs[source.sourceType], { filename: source.name });
      } catch (error) {
        // A rule that throws takes the whole file down with it: recorded, never swallowed.
        crashes.push({ file: source.name, config: configName, message: String(error?.stack ?? error) });
        continue;
      }
      let lines;
      for (const message of messages) {
        if (message.fatal) {
          parseErrors.push({ file: source.name, config: configName, line: message.line, message: message.message });
          continue;
        }
        // noInlineConfig turns each of the libraries' eslint comments into a notice without a rule: not ours
        if (!message.ruleId?.startsWith('socket-hygiene/')) continue;
        lines ??= source.text.split(/\r?\n/);
        const finding = {
          package: packageOf(source.file),
          version: packages.get(packageOf(source.file)).version,
          file: source.name,
          line: message.line,
          column: message.column,
          endLine: message.endLine ?? message.line,
          ruleId: message.ruleId,
          messageId: message.messageId,
          message: message.message,
          lineText: (lines[message.line - 1] ?? '').trim(),
        };
        finding.hash = lineHash(finding.lineText);
        const key = findingKey(finding);
        const identity = `${key}:${message.column}`;
        const known = byKey.get(identity);
        if (known) {
          if (!known.configs.includes(configName)) known.configs.push(configName);
        } else {
          byKey.set(identity, { key, ...finding, configs: [configName] });
        }
      }
    }
    ms[configName] = Math.round(performance.now() - started);
  }

  const findings = [...byKey.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
  const packageList = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
  return {
    packages: packageList,
    files: corpus.length,
    lines: packageList.reduce((sum, entry) => sum + entry.lines, 0),
    findings,
    parseErrors,
    crashes,
    ms,
  };
}
