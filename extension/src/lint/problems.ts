// ESLint's messages for one text, turned into problems an editor can show: offsets and positions into exactly
// that text, the rule's short name and docs link, and each suggestion as a text edit against the same text.
import type { Linter } from 'eslint';
import { TextPositions, type Range } from './positions';
import { RULE_NAMESPACE, ruleNameOf, type RuleName, type RuleSetting } from './settings';

export interface TextEdit {
  /** Offsets into the linted document text. */
  start: number;
  end: number;
  range: Range;
  newText: string;
}

export interface Suggestion {
  /** The suggestion's description, shown as the quick-fix title. */
  title: string;
  messageId?: string;
  edit: TextEdit;
}

export interface SocketProblem {
  /** ESLint's rule id, `socket-hygiene/remove-on-close`. */
  ruleId: string;
  ruleName: RuleName;
  message: string;
  messageId?: string;
  severity: Exclude<RuleSetting, 'off'>;
  start: number;
  end: number;
  range: Range;
  suggestions: Suggestion[];
  docsUrl?: string;
}

export interface ProblemContext {
  severityOf: (ruleName: RuleName) => RuleSetting;
  docsUrlOf: (ruleName: RuleName) => string | undefined;
}

/** Converts ESLint's messages for `text` (the document text, BOM included if it has one) into problems. */
export function toProblems(text: string, messages: readonly Linter.LintMessage[], context: ProblemContext): SocketProblem[] {
  const positions = new TextPositions(text);
  const problems: SocketProblem[] = [];
  for (const message of messages) {
    if (message.fatal || !message.ruleId) continue;
    // Inline `/* eslint other-rule: ... */` comments in the user's code can switch on rules that are not ours.
    const ruleName = message.ruleId.startsWith(`${RULE_NAMESPACE}/`) ? ruleNameOf(message.ruleId) : undefined;
    if (!ruleName) continue;
    const severity = context.severityOf(ruleName);
    if (severity === 'off') continue;
    const start = positions.offsetOfEslintLocation(message.line, message.column);
    const end =
      message.endLine === undefined
        ? start
        : Math.max(start, positions.offsetOfEslintLocation(message.endLine, message.endColumn ?? message.column));
    const problem: SocketProblem = {
      ruleId: message.ruleId,
      ruleName,
      message: message.message,
      severity,
      start,
      end,
      range: positions.rangeOfOffsets(start, end),
      suggestions: (message.suggestions ?? []).map((suggestion) => toSuggestion(positions, suggestion)),
    };
    if (message.messageId !== undefined) problem.messageId = message.messageId;
    const docsUrl = context.docsUrlOf(ruleName);
    if (docsUrl !== undefined) problem.docsUrl = docsUrl;
    problems.push(problem);
  }
  return problems;
}

function toSuggestion(positions: TextPositions, suggestion: Linter.LintSuggestion): Suggestion {
  const converted: Suggestion = { title: suggestion.desc, edit: toTextEdit(positions, suggestion.fix) };
  if (suggestion.messageId !== undefined) converted.messageId = suggestion.messageId;
  return converted;
}

/** An ESLint fix (`range` indexes the text ESLint saw, without a BOM) as an edit of the document text. */
export function toTextEdit(positions: TextPositions, fix: { range: readonly [number, number]; text: string }): TextEdit {
  const start = positions.offsetOfEslintIndex(fix.range[0]);
  const end = positions.offsetOfEslintIndex(fix.range[1]);
  return { start, end, range: positions.rangeOfOffsets(start, end), newText: fix.text };
}

/**
 * Applies edits of one text at once, as ESLint applies fixes: sorted by start, an edit that starts at or before
 * the end of the previous one is skipped. Returns the new text and the edits that were applied.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const applied: TextEdit[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const edit of sorted) {
    if (edit.start <= lastEnd || edit.start > edit.end) continue;
    applied.push(edit);
    lastEnd = edit.end;
  }
  let result = '';
  let copied = 0;
  for (const edit of applied) {
    result += text.slice(copied, edit.start) + edit.newText;
    copied = edit.end;
  }
  return { text: result + text.slice(copied), applied };
}
