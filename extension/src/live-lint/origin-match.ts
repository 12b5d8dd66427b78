// Does a live source location (the line the probe names for a socket's origin) stand for the socket a lint
// finding is about? The rules report require-error-listener at the origin itself (the creating call or the
// connection callback's parameter, on the same line) and timeout-ends-socket at the handler or the
// setTimeout call inside the connection callback. So a source line matches a finding when the finding is
// on that line, or inside the argument list of a call that starts on it. The probe may name the line where
// a server started listening (`server.listen(…)`) instead of where it was created: then the line that
// assigns `server` stands for it too.
import { pairParentheses } from './code-scan.js';

export class OriginText {
  private pairs: Map<number, number> | undefined;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.lineStarts.push(index + 1);
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    const end = this.lineStarts[line + 1] ?? this.text.length + 1;
    return this.text.slice(start, end - 1);
  }

  /** The lines that stand for an origin named at `line` (0-based): itself, and a listening server's creation. */
  originLines(line: number): number[] {
    const lines = [line];
    const listening = /([A-Za-z_$][\w$]*)\s*\.\s*listen\s*\(/.exec(this.lineText(line));
    if (listening?.[1] !== undefined) {
      const name = listening[1].replace(/\$/g, '\\$');
      const assignment = new RegExp(`(?:\\b(?:const|let|var)\\s+${name}\\s*=|(?:^|[^.\\w$])${name}\\s*=(?!=))`, 'm').exec(this.text);
      if (assignment !== null) {
        const assigned = this.lineOf(assignment.index + assignment[0].length - 1);
        if (assigned !== line) lines.push(assigned);
      }
    }
    return lines;
  }

  /** True when `offset` lies inside the argument list of a call whose "(" is on `line`. */
  insideCallOn(line: number, offset: number): boolean {
    this.pairs ??= pairParentheses(this.text);
    const start = this.lineStarts[line];
    if (start === undefined) return false;
    const end = this.lineStarts[line + 1] ?? this.text.length;
    for (let index = this.text.indexOf('(', start); index >= 0 && index < end; index = this.text.indexOf('(', index + 1)) {
      const close = this.pairs.get(index);
      if (close !== undefined && offset > index && offset < close) return true;
    }
    return false;
  }

  /** Does the origin the probe names at `sourceLine` (0-based) stand for the finding at `findingOffset`? */
  originMatches(sourceLine: number, findingOffset: number): boolean {
    const findingLine = this.lineOf(findingOffset);
    return this.originLines(sourceLine).some((line) => line === findingLine || this.insideCallOn(line, findingOffset));
  }
}
