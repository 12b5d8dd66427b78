// ESLint and VS Code count lines differently; offsets into the text are what they agree on.
// ESLint: 1-based lines split at \r\n, \r, \n, U+2028, U+2029; 1-based columns in UTF-16 code units; a leading
// BOM is not part of the text. VS Code: 0-based lines split at \r\n, \r, \n only; 0-based UTF-16 characters.
// Tabs and astral characters need nothing special: both count UTF-16 code units, a tab is one.

export interface Position {
  /** 0-based line as VS Code counts lines. */
  line: number;
  /** 0-based UTF-16 code unit within the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

const ESLINT_LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;
const EDITOR_LINE_BREAK = /\r\n|[\r\n]/g;

function lineStarts(text: string, lineBreak: RegExp): number[] {
  const starts = [0];
  for (const match of text.matchAll(lineBreak)) starts.push(match.index + match[0].length);
  return starts;
}

/** Converts between ESLint locations, offsets into the document text, and VS Code positions. */
export class TextPositions {
  /** 1 when the document starts with a BOM, which ESLint strips before counting. */
  readonly bomLength: number;
  private eslintLineStarts: number[] | undefined;
  private editorLineStarts: number[] | undefined;

  constructor(readonly text: string) {
    this.bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Offset into the document text of ESLint's 1-based `line`/`column`, clamped to the text. */
  offsetOfEslintLocation(line: number, column: number): number {
    this.eslintLineStarts ??= lineStarts(this.text.slice(this.bomLength), ESLINT_LINE_BREAK);
    const starts = this.eslintLineStarts;
    const lineIndex = Math.min(Math.max(line - 1, 0), starts.length - 1);
    const lineStart = starts[lineIndex] ?? 0;
    const offset = lineStart + Math.max(column - 1, 0);
    return this.clamp(offset + this.bomLength);
  }

  /** Offset into the document text of an ESLint fix range index (which does not count a BOM). */
  offsetOfEslintIndex(index: number): number {
    return this.clamp(index + this.bomLength);
  }

  /** VS Code position of an offset into the document text. */
  positionAt(offset: number): Position {
    this.editorLineStarts ??= lineStarts(this.text, EDITOR_LINE_BREAK);
    const starts = this.editorLineStarts;
    const clamped = this.clamp(offset);
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= clamped) low = middle;
      else high = middle - 1;
    }
    // An offset between \r and \n is the end of its line, as in VS Code.
    return { line: low, character: Math.min(clamped - (starts[low] ?? 0), this.lineText(low).length) };
  }

  /** Offset of a VS Code position, as `TextDocument.offsetAt` computes it. */
  offsetAt(position: Position): number {
    this.editorLineStarts ??= lineStarts(this.text, EDITOR_LINE_BREAK);
    const starts = this.editorLineStarts;
    const line = Math.min(Math.max(position.line, 0), starts.length - 1);
    const lineStart = starts[line] ?? 0;
    const nextLineStart = starts[line + 1] ?? this.text.length;
    return Math.min(lineStart + Math.max(position.character, 0), nextLineStart);
  }

  /** The text of a 0-based editor line without its line break. */
  lineText(line: number): string {
    this.editorLineStarts ??= lineStarts(this.text, EDITOR_LINE_BREAK);
    const start = this.editorLineStarts[line];
    if (start === undefined) return '';
    const next = this.editorLineStarts[line + 1] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  /** The document's line break: the first one in the text, `\n` when there is none. */
  get eol(): string {
    const match = /\r\n|\r|\n/.exec(this.text);
    return match ? match[0] : '\n';
  }

  rangeOfOffsets(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  private clamp(offset: number): number {
    return Math.min(Math.max(offset, 0), this.text.length);
  }
}
