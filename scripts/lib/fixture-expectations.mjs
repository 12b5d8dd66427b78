// The repository's one annotation convention: a trailing `// expect: socket-hygiene/<rule-id>`
// (several separated by commas) on a line that the expected report covers, one per report.
// Shared by `npm run lint-fixtures` (the main job) and the annotation test.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from 'eslint-plugin-socket-hygiene';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const EXPECT = /\/\/ expect: (socket-hygiene\/[a-z-]+(?:, *socket-hygiene\/[a-z-]+)*)\s*$/;

/** @returns {{ line: number, ruleId: string }[]} 1-based lines */
export function readExpectations(text) {
  const expectations = [];
  text.split(/\r?\n/).forEach((lineText, index) => {
    const match = EXPECT.exec(lineText);
    if (!match) return;
    for (const ruleId of match[1].split(',')) expectations.push({ line: index + 1, ruleId: ruleId.trim() });
  });
  return expectations;
}

/**
 * Pairs each report with one annotation of its rule on a line it covers (line..endLine).
 * Reports are taken in order and each annotation is used once, so two reports on one line need two annotations.
 */
export function matchFindings(expectations, messages) {
  const unused = [...expectations];
  const unexpected = [];
  for (const message of messages) {
    const endLine = message.endLine ?? message.line;
    const index = unused.findIndex(
      (expectation) =>
        expectation.ruleId === message.ruleId && expectation.line >= message.line && expectation.line <= endLine,
    );
    if (index === -1) unexpected.push(message);
    else unused.splice(index, 1);
  }
  return { missing: unused, unexpected };
}

/** The fixtures as a user would lint them: the plugin's `recommended` config, no type information, no globals. */
export function createFixtureLinter(cwd = repositoryRoot) {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { ignores: ['**/dist/**', '**/node_modules/**', 'test-fixtures/tests/**'] },
      { files: ['**/*.{js,cjs,mjs,ts,mts,cts}'], ...plugin.configs.recommended },
      { files: ['**/*.{ts,mts,cts}'], languageOptions: { parser: tsParser } },
    ],
  });
}

/** Lints test-fixtures/ and compares every file's reports with its annotations. */
export async function checkFixtures(cwd = repositoryRoot) {
  const eslint = createFixtureLinter(cwd);
  const results = await eslint.lintFiles(['test-fixtures/**/*.{js,cjs,mjs,ts,mts,cts}']);
  const files = [];
  for (const result of results) {
    const text = await readFile(result.filePath, 'utf8');
    const fatal = result.messages.filter((message) => message.fatal || !message.ruleId);
    const findings = result.messages.filter((message) => !message.fatal && message.ruleId);
    const { missing, unexpected } = matchFindings(readExpectations(text), findings);
    files.push({
      file: path.relative(cwd, result.filePath),
      findings,
      fatal,
      missing,
      unexpected,
    });
  }
  return files;
}
