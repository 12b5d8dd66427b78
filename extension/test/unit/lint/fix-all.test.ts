import { describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { differenceEdit, fixAll } from '../../../src/lint/fix-all';
import { TextPositions } from '../../../src/lint/positions';
import { applyEdits, toTextEdit, type SocketProblem } from '../../../src/lint/problems';
import { DEFAULT_SETTINGS } from '../../../src/lint/settings';
import { testModules } from './test-plugin';

const engine = new LintEngine({ loadModules: testModules() });
const lint = async (text: string) => (await engine.lint({ text, fileName: '/p/server.js', settings: DEFAULT_SETTINGS })).problems;

describe('fix all', () => {
  it('applies the first suggestion of every report in one round, as separate edits', async () => {
    const text = 'function f(a, b, x, y) {\n  a.add(x);\n  b.add(y);\n}\n';
    const result = await fixAll(text, lint);
    expect(result.text).toBe(
      "function f(a, b, x, y) {\n  a.add(x); x.on('close', () => a.delete(x));\n  b.add(y); y.on('close', () => b.delete(y));\n}\n",
    );
    expect(result.rounds).toBe(1);
    expect(result.applied).toBe(2);
    expect(result.edits).toHaveLength(2);
    expect(applyEdits(text, result.edits).text).toBe(result.text);
  });

  it('changes nothing when no report has a suggestion', async () => {
    const text = 'function f(s) { s.setTimeout(10); }\n';
    expect(await fixAll(text, lint)).toEqual({ text, edits: [], rounds: 0, applied: 0 });
  });

  it('relints between rounds and stops at 10 rounds when suggestions keep producing reports', async () => {
    // Each fix inserts a new `.add(...)`: without the limit this would never end.
    let lints = 0;
    const runaway = (text: string): Promise<SocketProblem[]> => {
      lints += 1;
      const positions = new TextPositions(text);
      const edit = toTextEdit(positions, { range: [text.length, text.length], text: 'store.add(s);\n' });
      return Promise.resolve([
        { ruleId: 'socket-hygiene/remove-on-close', ruleName: 'remove-on-close', message: 'm', severity: 'warn', start: 0, end: 0, range: edit.range, suggestions: [{ title: 't', edit }] },
      ]);
    };
    const result = await fixAll('', runaway);
    expect(result.rounds).toBe(10);
    expect(lints).toBe(11);
    expect(result.text).toBe('store.add(s);\n'.repeat(10));
    expect(result.edits).toEqual([{ start: 0, end: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: result.text }]);
  });

  it('applies overlapping suggestions in later rounds, the way ESLint applies fixes', async () => {
    // Two reports whose first suggestions insert at the same place: one per round.
    const text = 'function f(a, x, y) { a.add(x), a.add(y); }\n';
    const result = await fixAll(text, lint);
    expect(result.rounds).toBe(2);
    expect(result.applied).toBe(2);
    expect(result.text).toBe("function f(a, x, y) { a.add(x), a.add(y); y.on('close', () => a.delete(y)); x.on('close', () => a.delete(x)); }\n");
    expect(result.edits).toHaveLength(1);
    expect(applyEdits(text, result.edits).text).toBe(result.text);
    expect(await lint(result.text)).toEqual([]);
  });

  it('gives up without edits when cancelled', async () => {
    const text = 'function f(a, x) {\n  a.add(x);\n}\n';
    expect(await fixAll(text, lint, { isCancelled: () => true })).toMatchObject({ text, edits: [] });
  });
});

describe('difference edit', () => {
  it.each([
    ['abc', 'abXc'],
    ['abc', 'ac'],
    ['a\r\nb', 'a\r\n\r\nb'],
    ['x😀y', 'x😁y'],
    ['same', 'same'],
    ['', 'new'],
  ])('%j → %j', (before, after) => {
    const edit = differenceEdit(before, after);
    expect(applyEdits(before, [edit]).text).toBe(after);
    // never starts or ends inside a surrogate pair or a CRLF
    for (const offset of [edit.start, edit.end]) {
      const previous = before.charCodeAt(offset - 1);
      expect(previous >= 0xd800 && previous <= 0xdbff).toBe(false);
      expect(before[offset - 1] === '\r' && before[offset] === '\n').toBe(false);
    }
  });
});
