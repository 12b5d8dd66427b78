// Keeps docs/ and the README in step with the rules, and lints every example the docs show.
//
// Which code blocks are examples: a fenced ```js or ```ts block whose nearest heading above it (any
// level) is "Fail" or "Incorrect" must get at least one report of the doc's rule; one under "Pass" or
// "Correct" must get none. Blocks under any other heading (Suggestions, Options prose) are not linted.
// ```js blocks are parsed by espree with ESLint's defaults (an ES module, no globals, so CommonJS
// examples run as users' .js files do), ```ts blocks by @typescript-eslint/parser without type
// information. Only the doc's rule runs, with its default options; a block that needs other options
// says so the way a reader would, with ESLint's own configuration comment as its first line:
//   /* eslint socket-hygiene/timeout-ends-socket: ["error", { "requireDestroyFallback": true }] */
// Together the Fail blocks of a doc must show every message id of its rule, as a report or as a
// suggestion of one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import { type ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

const pluginRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rulesDir = path.join(pluginRoot, 'src', 'rules');
const docsDir = path.join(pluginRoot, 'docs', 'rules');
const generatorBin = path.resolve(pluginRoot, '..', 'node_modules', 'eslint-doc-generator', 'dist', 'bin', 'eslint-doc-generator.js');

const PREFIX = 'socket-hygiene';

type Expectation = 'fail' | 'pass';

interface Example {
  language: 'js' | 'ts';
  code: string;
  /** 1-based line of the opening fence in the doc. */
  line: number;
  heading: string;
  expectation: Expectation;
}

const FAIL_HEADING = /^(?:fail|incorrect)\b/iu;
const PASS_HEADING = /^(?:pass|correct)\b/iu;

/** The ```js / ```ts blocks under a Fail/Incorrect or Pass/Correct heading. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  let expectation: Expectation | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const headingMatch = /^#{1,6}\s+(.*)$/u.exec(line);
    if (headingMatch) {
      heading = (headingMatch[1] ?? '').trim();
      expectation = FAIL_HEADING.test(heading) ? 'fail' : PASS_HEADING.test(heading) ? 'pass' : null;
      continue;
    }
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/u.exec(line);
    if (!fence) continue;
    const [, indent = '', marker = '```', info = ''] = fence;
    const body: string[] = [];
    const start = index;
    for (index++; index < lines.length; index++) {
      const inner = lines[index] ?? '';
      if (inner.trimStart().startsWith(marker) && inner.trim() === inner.trim()[0]?.repeat(inner.trim().length)) break;
      body.push(inner.startsWith(indent) ? inner.slice(indent.length) : inner);
    }
    const language = info === 'js' || info === 'javascript' ? 'js' : info === 'ts' || info === 'typescript' ? 'ts' : null;
    if (language && expectation) {
      examples.push({ language, code: `${body.join('\n')}\n`, line: start + 1, heading, expectation });
    }
  }
  return examples;
}

const linter = new Linter({ configType: 'flat' });

function lint(ruleId: string, example: Example): Linter.LintMessage[] {
  const config: Linter.Config = {
    files: ['**/*.js', '**/*.ts'],
    plugins: { [PREFIX]: plugin as unknown as ESLint.Plugin },
    rules: { [`${PREFIX}/${ruleId}`]: 'error' },
    ...(example.language === 'ts' ? { languageOptions: { parser: tsParser } } : {}),
  };
  return linter.verify(example.code, config, { filename: `example.${example.language}` });
}

function describeMessages(messages: readonly Linter.LintMessage[]): string[] {
  return messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal'} ${message.messageId ?? message.message}`);
}

const ruleFiles = readdirSync(rulesDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const docFiles = existsSync(docsDir)
  ? readdirSync(docsDir)
      .filter((file) => file.endsWith('.md'))
      .map((file) => file.slice(0, -'.md'.length))
      .sort()
  : [];
interface RuleMeta {
  docs?: { url?: string };
  messages?: Record<string, string>;
}
const rules = plugin.rules as Record<string, { meta?: RuleMeta } | undefined>;

describe('rule docs', () => {
  it('has one doc per rule file and one rule file per doc', () => {
    expect(docFiles).toEqual(ruleFiles);
  });

  it('exports every rule file from the plugin', () => {
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
  });

  describe.each(ruleFiles.filter((id) => docFiles.includes(id)))('%s', (ruleId) => {
    const doc = readFileSync(path.join(docsDir, `${ruleId}.md`), 'utf8');
    const meta = rules[ruleId]?.meta;
    const examples = examplesOf(doc);

    it('links back to its doc from meta.docs.url', () => {
      expect(meta?.docs?.url).toMatch(new RegExp(`/docs/rules/${ruleId}\\.md$`, 'u'));
    });

    it('explains every message id', () => {
      for (const messageId of Object.keys(meta?.messages ?? {})) {
        expect(doc, `docs/rules/${ruleId}.md names \`${messageId}\``).toContain(`\`${messageId}\``);
      }
    });

    it('has the sections of a rule doc', () => {
      const headings = doc.split('\n').filter((line) => /^## /u.test(line));
      expect(headings).toEqual(expect.arrayContaining(['## Fail', '## Pass', '## Options', '## When not to use it']));
    });

    it('shows Fail and Pass examples', () => {
      expect(examples.some((example) => example.expectation === 'fail')).toBe(true);
      expect(examples.some((example) => example.expectation === 'pass')).toBe(true);
    });

    it.each(examples.map((example) => [`${example.heading} example (${example.language}) at line ${example.line}`, example] as const))(
      '%s',
      (_name, example) => {
        const messages = lint(ruleId, example);
        const fatal = messages.filter((message) => message.fatal === true);
        expect(describeMessages(fatal), 'the example parses').toEqual([]);
        const reports = messages.filter((message) => message.ruleId === `${PREFIX}/${ruleId}`);
        if (example.expectation === 'fail') {
          expect(reports.length, `a Fail example is reported by ${ruleId}`).toBeGreaterThan(0);
        } else {
          expect(describeMessages(reports), `a Pass example is not reported by ${ruleId}`).toEqual([]);
        }
      },
    );

    it('shows every message id in its Fail examples', () => {
      const shown = new Set<string>();
      for (const example of examples.filter((candidate) => candidate.expectation === 'fail')) {
        for (const message of lint(ruleId, example)) {
          if (message.ruleId !== `${PREFIX}/${ruleId}`) continue;
          if (message.messageId) shown.add(message.messageId);
          for (const suggestion of message.suggestions ?? []) if (suggestion.messageId) shown.add(suggestion.messageId);
        }
      }
      expect([...shown].sort()).toEqual(Object.keys(meta?.messages ?? {}).sort());
    });
  });
});

const distEntry = path.join(pluginRoot, 'dist', 'index.js');
const distMissing = !existsSync(distEntry);

describe('README rules table and rule doc headers', () => {
  it.skipIf(distMissing)(
    distMissing
      ? 'skipped: eslint-plugin/dist is missing (run `npm run build:plugin`; `npm test` builds it first)'
      : 'are what eslint-doc-generator writes (--check)',
    () => {
      const run = spawnSync(process.execPath, [generatorBin, '--check'], { cwd: pluginRoot, encoding: 'utf8' });
      expect(run.status, `${run.stdout}\n${run.stderr}\nRun \`npm run docs:rules\` after \`npm run build:plugin\`.`).toBe(0);
    },
  );
});
