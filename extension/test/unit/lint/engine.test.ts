import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { languageOptionsFor } from '../../../src/lint/config';
import { LintEngine } from '../../../src/lint/engine';
import { DEFAULT_SETTINGS, type LintSettings } from '../../../src/lint/settings';
import { testModules } from './test-plugin';

function settings(change: Partial<Pick<LintSettings, 'strict'>> & { rules?: Partial<LintSettings['rules']> } = {}) {
  return { strict: change.strict ?? false, rules: { ...DEFAULT_SETTINGS.rules, ...change.rules } };
}

const STORE_AND_TIMEOUT = 'function f(store, s) {\n  store.add(s);\n  s.setTimeout(1000);\n}\n';

describe('LintEngine with the real Linter', () => {
  const engine = new LintEngine({ loadModules: testModules() });

  it('reports each rule with its id, message, severity from the settings and docs URL', async () => {
    const result = await engine.lint({
      text: STORE_AND_TIMEOUT,
      fileName: '/project/server.js',
      settings: settings({ rules: { 'timeout-ends-socket': 'error' } }),
    });
    expect(result.syntaxError).toBeUndefined();
    expect(result.ruleFailures).toEqual([]);
    expect(result.problems.map(({ ruleId, ruleName, severity, message, messageId, docsUrl, range }) => ({ ruleId, ruleName, severity, message, messageId, docsUrl, line: range.start.line }))).toEqual([
      {
        ruleId: 'socket-hygiene/remove-on-close',
        ruleName: 'remove-on-close',
        severity: 'warn',
        message: 'Stored socket is never removed.',
        messageId: 'noRemoval',
        docsUrl: 'https://example.invalid/rules/remove-on-close.md',
        line: 1,
      },
      {
        ruleId: 'socket-hygiene/timeout-ends-socket',
        ruleName: 'timeout-ends-socket',
        severity: 'error',
        message: 'Timeout never ends the socket (strict: false).',
        messageId: 'handlerNeverEnds',
        docsUrl: 'https://example.invalid/rules/timeout-ends-socket.md',
        line: 2,
      },
    ]);
  });

  it('leaves out a rule set to "off"', async () => {
    const result = await engine.lint({ text: STORE_AND_TIMEOUT, fileName: '/p/a.js', settings: settings({ rules: { 'remove-on-close': 'off' } }) });
    expect(result.problems.map((problem) => problem.ruleName)).toEqual(['timeout-ends-socket']);
  });

  it('uses the options of the strict config when strict is on', async () => {
    const result = await engine.lint({ text: STORE_AND_TIMEOUT, fileName: '/p/a.js', settings: settings({ strict: true }) });
    expect(result.problems.find((problem) => problem.ruleName === 'timeout-ends-socket')?.message).toBe('Timeout never ends the socket (strict: true).');
  });

  it('turns suggestions into edits of the linted text', async () => {
    const [problem] = (await engine.lint({ text: STORE_AND_TIMEOUT, fileName: '/p/a.js', settings: settings() })).problems;
    expect(problem?.suggestions.map((suggestion) => suggestion.title)).toEqual(['Remove it on close', 'Mark it']);
    const edit = problem?.suggestions[0]?.edit;
    const offset = STORE_AND_TIMEOUT.indexOf('store.add(s);') + 'store.add(s);'.length;
    expect(edit).toEqual({
      start: offset,
      end: offset,
      range: { start: { line: 1, character: 15 }, end: { line: 1, character: 15 } },
      newText: " s.on('close', () => store.delete(s));",
    });
  });

  it('gives no problems for a syntax error, and says where it is', async () => {
    const result = await engine.lint({ text: 'function f(store, s) {\n  store.add(s);\n  if (\n}\n', fileName: '/p/a.js', settings: settings() });
    expect(result.problems).toEqual([]);
    expect(result.syntaxError).toMatchObject({ line: 4 });
    expect(result.ruleFailures).toEqual([]);
  });

  it('catches a rule that throws and keeps the other rules', async () => {
    const result = await engine.lint({ text: `${STORE_AND_TIMEOUT}explode();\n`, fileName: '/p/a.js', settings: settings() });
    expect(result.problems.map((problem) => problem.ruleName)).toEqual(['remove-on-close', 'timeout-ends-socket']);
    expect(result.ruleFailures).toHaveLength(1);
    expect(result.ruleFailures[0]?.ruleId).toBe('socket-hygiene/require-error-listener');
    expect(result.ruleFailures[0]?.message).toContain('rule failure on purpose');
  });

  it('honours eslint-disable comments for its rules and ignores other rules named in the user code', async () => {
    const text = [
      '/* eslint no-undef: "error" */',
      'function f(store, s) {',
      '  // eslint-disable-next-line socket-hygiene/remove-on-close',
      '  store.add(s);',
      '  // eslint-disable-next-line no-console -- unknown to this linter, not reported as unused',
      '  store.add(undeclared);',
      '}',
    ].join('\n');
    const result = await engine.lint({ text, fileName: '/p/a.js', settings: settings() });
    expect(result.problems.map((problem) => [problem.ruleId, problem.range.start.line])).toEqual([['socket-hygiene/remove-on-close', 5]]);
  });

  it('lints a file with an unknown extension (an untitled editor) as JavaScript', async () => {
    const result = await engine.lint({ text: STORE_AND_TIMEOUT, fileName: 'Untitled-1', settings: settings() });
    expect(result.problems).toHaveLength(2);
  });

  it('parses JSX in JavaScript files', async () => {
    const result = await engine.lint({ text: 'const view = <div>{store.add(s)}</div>;\n', fileName: '/p/view.jsx', settings: settings() });
    expect(result.syntaxError).toBeUndefined();
    expect(result.problems).toHaveLength(1);
  });
});

describe('LintEngine and TypeScript', () => {
  it('loads @typescript-eslint/parser only when the first TypeScript file is linted, and only once', async () => {
    let loads = 0;
    const engine = new LintEngine({
      loadModules: testModules(),
      loadTypeScriptParser: async () => {
        loads += 1;
        return await import('@typescript-eslint/parser');
      },
    });
    await engine.lint({ text: STORE_AND_TIMEOUT, fileName: '/p/a.js', settings: settings() });
    expect(loads).toBe(0);
    expect(engine.isReadyFor('/p/a.ts')).toBe(false);
    const text = 'import { Socket } from "node:net";\nexport function f(store: Set<Socket>, s: Socket): void {\n  store.add(s as Socket);\n}\n';
    const [first, second] = await Promise.all([
      engine.lint({ text, fileName: '/p/a.ts', settings: settings() }),
      engine.lint({ text, fileName: '/p/b.mts', settings: settings() }),
    ]);
    expect(loads).toBe(1);
    expect(first.syntaxError).toBeUndefined();
    expect(first.problems.map((problem) => problem.range.start)).toEqual([{ line: 2, character: 2 }]);
    expect(second.problems).toHaveLength(1);
    const tsx = await engine.lint({ text: 'const v = <div>{store.add(s)}</div>;\n', fileName: '/p/v.tsx', settings: settings() });
    expect(tsx.syntaxError).toBeUndefined();
    expect(tsx.problems).toHaveLength(1);
  });

  it('asks the TypeScript parser for no node maps (nothing in the editor reads them; they cost parse time)', async () => {
    const parser = (await import('@typescript-eslint/parser')) as unknown as {
      parseForESLint: (text: string, options: object) => { ast: { body: object[] }; services: { esTreeNodeToTSNodeMap: WeakMap<object, unknown> } };
    };
    const { parserOptions, sourceType, ecmaVersion } = languageOptionsFor({ moduleKind: 'module', jsx: false, parser });
    const parse = (options: object) => parser.parseForESLint('const a: number = 1;\n', { sourceType, ecmaVersion, filePath: '/p/a.ts', ...options });
    const withEditorOptions = parse(parserOptions ?? {});
    expect(withEditorOptions.services.esTreeNodeToTSNodeMap.has(withEditorOptions.ast.body[0]!)).toBe(false);
    // The check can fail: with the parser's default the map holds the statement.
    const withDefaults = parse({});
    expect(withDefaults.services.esTreeNodeToTSNodeMap.has(withDefaults.ast.body[0]!)).toBe(true);
  });
});

describe('module kind from the file', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'socket-hygiene-kind-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'esm', 'src'), { recursive: true });
  mkdirSync(path.join(root, 'cjs'), { recursive: true });
  writeFileSync(path.join(root, 'esm', 'package.json'), '{ "type": "module" }');
  writeFileSync(path.join(root, 'cjs', 'package.json'), '{ "name": "x" }');

  // `return` at the top level parses only in CommonJS; `import` only in a module.
  const TOP_LEVEL_RETURN = 'if (process.env.X) return;\nfunction f(store, s) { store.add(s); }\n';
  const IMPORT = 'import net from "node:net";\nfunction f(store, s) { store.add(s); }\n';
  const engine = new LintEngine({ loadModules: testModules() });
  const lint = (text: string, fileName: string) => engine.lint({ text, fileName, settings: settings() });

  it.each([
    ['esm/src/server.js', 'module'],
    ['cjs/server.js', 'commonjs'],
    ['server.js', 'commonjs'],
    ['esm/server.cjs', 'commonjs'],
    ['cjs/server.mjs', 'module'],
  ])('%s is linted as %s', async (file, kind) => {
    const fileName = path.join(root, file);
    const [asCommonJs, asModule] = await Promise.all([lint(TOP_LEVEL_RETURN, fileName), lint(IMPORT, fileName)]);
    expect(asCommonJs.syntaxError === undefined).toBe(kind === 'commonjs');
    expect(asModule.syntaxError === undefined).toBe(kind === 'module');
  });

  it('gives Node globals: `require` and `module` in CommonJS only, `process` and `Buffer` everywhere', () => {
    const commonjs = languageOptionsFor({ moduleKind: 'commonjs', jsx: true }).globals ?? {};
    const module = languageOptionsFor({ moduleKind: 'module', jsx: true }).globals ?? {};
    expect(Object.keys(commonjs)).toEqual(expect.arrayContaining(['require', 'module', '__dirname', 'process', 'Buffer']));
    expect(Object.keys(module)).toEqual(expect.arrayContaining(['process', 'Buffer', 'setTimeout']));
    expect(Object.keys(module)).not.toContain('require');
  });
});

describe('texts that name no socket API', () => {
  it('are answered without loading or running ESLint when the bundled plugin lints', async () => {
    let loads = 0;
    const engine = new LintEngine({ loadModules: countingLoad(), mayReport: (text) => /['"]node:net['"]/.test(text) });
    function countingLoad() {
      const load = testModules();
      return () => {
        loads += 1;
        return load();
      };
    }
    const plain = await engine.lint({ text: STORE_AND_TIMEOUT, fileName: '/p/plain.js', settings: settings() });
    expect(plain).toEqual({ problems: [], ruleFailures: [], skipped: true });
    expect(loads).toBe(0);
    const named = await engine.lint({ text: `import net from 'node:net';\n${STORE_AND_TIMEOUT}`, fileName: '/p/named.mjs', settings: settings() });
    expect(named.skipped).toBeUndefined();
    expect(named.problems).toHaveLength(2);
    expect(loads).toBe(1);
  });

  it('use the real text check with the real plugin', async () => {
    const engine = new LintEngine();
    const result = await engine.lint({ text: 'const total = [1, 2].reduce((a, b) => a + b, 0);\n', fileName: '/p/sum.js', settings: settings() });
    expect(result.skipped).toBe(true);
    expect(engine.isReadyFor('/p/sum.js')).toBe(false);
  });
});
