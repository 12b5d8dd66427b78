import { describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { TextPositions } from '../../../src/lint/positions';
import { DEFAULT_SETTINGS } from '../../../src/lint/settings';
import { testModules } from './test-plugin';

const engine = new LintEngine({ loadModules: testModules() });

/** Lints with the real Linter and returns the text each problem's editor range covers, and the range. */
async function reported(text: string, fileName = '/project/server.cjs') {
  const { problems } = await engine.lint({ text, fileName, settings: DEFAULT_SETTINGS });
  return problems.map((problem) => ({ covered: sliceRange(text, problem.range), range: problem.range }));
}

/** The text between two editor positions, computed independently of TextPositions (split at \r\n, \r, \n). */
function sliceRange(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  const lines: { start: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ start });
    start = match.index + match[0].length;
  }
  lines.push({ start });
  const offset = (position: { line: number; character: number }) => (lines[position.line]?.start ?? NaN) + position.character;
  return text.slice(offset(range.start), offset(range.end));
}

describe('ESLint locations to editor ranges', () => {
  it('counts a tab as one character', async () => {
    expect(await reported('function f(store, s) {\n\t\tstore.add(s);\n}\n')).toEqual([
      { covered: 'store.add(s)', range: { start: { line: 1, character: 2 }, end: { line: 1, character: 14 } } },
    ]);
  });

  it('keeps lines right with CRLF line endings', async () => {
    expect(await reported('const a = 1;\r\n\r\nfunction f(store, s) {\r\n  store.add(s);\r\n}\r\n')).toEqual([
      { covered: 'store.add(s)', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 14 } } },
    ]);
  });

  it('counts an astral character before the range as two UTF-16 code units', async () => {
    const text = "const label = '🔌🔌'; function f(store, s) { store.add(s); }\n";
    const [problem] = await reported(text);
    expect(problem?.covered).toBe('store.add(s)');
    expect(problem?.range.start).toEqual({ line: 0, character: text.indexOf('store.add') });
  });

  it('spans several lines, with emoji and tabs on the way', async () => {
    const text = "// 🧦 socks\n\tfunction f(store, s) {\n\t\tstore.add(\n\t\t\ts, '😀',\n\t\t);\n\t}\n";
    const [problem] = await reported(text);
    expect(problem?.covered).toBe("store.add(\n\t\t\ts, '😀',\n\t\t)");
    expect(problem?.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 4, character: 3 } });
  });

  it('follows the editor, not ESLint, where ESLint sees a line break the editor does not (U+2028)', async () => {
    const text = "const s = '\u2028';\nfunction f(store, x) { store.add(x); }\n";
    const [problem] = await reported(text);
    expect(problem?.covered).toBe('store.add(x)');
    expect(problem?.range.start.line).toBe(1);
  });

  it('does not count a BOM, which ESLint strips', async () => {
    const text = '\uFEFFfunction f(store, s) { store.add(s); }\n';
    const [problem] = await reported(text);
    expect(problem?.covered).toBe('store.add(s)');
    expect(problem?.range.start).toEqual({ line: 0, character: text.indexOf('store.add') });
  });

  it('handles a lone \\r as a line break', async () => {
    const [problem] = await reported('const a = 1;\rfunction f(store, s) { store.add(s); }');
    expect(problem?.range.start.line).toBe(1);
    expect(problem?.covered).toBe('store.add(s)');
  });
});

describe('TextPositions', () => {
  it('maps offsets and positions both ways', () => {
    const text = 'ab\r\n\tc😀d\ne';
    const positions = new TextPositions(text);
    for (let offset = 0; offset <= text.length; offset += 1) {
      if (offset === 3) continue; // between \r and \n: not a position of its own
      expect(positions.offsetAt(positions.positionAt(offset))).toBe(offset);
    }
    expect(positions.positionAt(3)).toEqual({ line: 0, character: 2 });
    expect(positions.positionAt(text.indexOf('d'))).toEqual({ line: 1, character: 4 });
    expect(positions.lineText(1)).toBe('\tc😀d');
    expect(positions.eol).toBe('\r\n');
  });

  it('clamps locations past the end', () => {
    const positions = new TextPositions('a\nb');
    expect(positions.offsetOfEslintLocation(9, 9)).toBe(3);
    expect(positions.positionAt(99)).toEqual({ line: 1, character: 1 });
  });
});
