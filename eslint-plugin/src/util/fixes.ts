// Text helpers for suggestions: indentation and statement insertion that keep the file's style.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction } from '../analysis/ast.js';

/** The leading whitespace of the line `node` starts on. */
export function indentOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/u.exec(line)?.[0] ?? '';
}

/** One indentation step, guessed from the line's own indentation (tabs stay tabs). */
export function indentUnit(indent: string): string {
  return indent.startsWith('\t') ? '\t' : '  ';
}

/**
 * The lines of a user's code template (a rule option such as require-error-listener's `errorHandler`), with each
 * `${name}` of `values` filled in; other text, unknown placeholders included, is kept as written.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string[] {
  const filled = template.replace(/\$\{(\w+)\}/gu, (placeholder, name: string) => values[name] ?? placeholder);
  // Blank lines around the template (a setting typed in a multi-line box) are not part of the body.
  return filled.replace(/^(?:[ \t]*\r?\n)+/u, '').trimEnd().split(/\r?\n/u);
}

/** Re-indent a block of lines (written with two-space steps) to sit at `indent`. */
export function indentLines(lines: readonly string[], indent: string): string {
  const unit = indentUnit(indent);
  return lines.map((line) => indent + line.replace(/^( {2})+/u, (steps) => unit.repeat(steps.length / 2))).join('\n');
}

/**
 * Where new lines go after `node`: past the comments that trail it on its own last line
 * (`set.add(s); // why`), so the comment stays with the statement it explains.
 */
function afterTrailingComments(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number {
  const line = node.loc.end.line;
  const next = sourceCode.getTokenAfter(node, { includeComments: false });
  if (next && next.loc.start.line === line) return node.range[1];
  const trailing = sourceCode.getCommentsAfter(node).filter((comment) => comment.loc.start.line === line);
  return trailing.at(-1)?.range[1] ?? node.range[1];
}

/** Insert statement lines after `statement`, on their own lines at its indentation. */
export function insertAfterStatement(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  statement: TSESTree.Node,
  lines: readonly string[],
): TSESLint.RuleFix {
  const block = statement.parent;
  if (
    block?.type === AST_NODE_TYPES.BlockStatement &&
    block.loc.start.line === block.loc.end.line &&
    isFunction(block.parent)
  ) {
    // `(socket) => { sockets.add(socket); }`: open the one-line block rather than append to its line
    const at = block.body.indexOf(statement as TSESTree.Statement) + 1;
    const texts = block.body.map((each) => sourceCode.getText(each));
    return openBlock(sourceCode, fixer, block.parent, block, [...texts.slice(0, at), ...lines, ...texts.slice(at)]);
  }
  const indent = indentOf(sourceCode, statement);
  return fixer.insertTextAfterRange([0, afterTrailingComments(sourceCode, statement)], `\n${indentLines(lines, indent)}`);
}

/** Insert statement lines as the first statements of a function body; null when the body is an expression. */
export function insertAtBodyStart(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  fn: FunctionNode,
  lines: readonly string[],
): TSESLint.RuleFix | null {
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return null;
  const first = body.body[0];
  if (first && body.loc.start.line === body.loc.end.line) {
    return openBlock(sourceCode, fixer, fn, body, [...lines, ...body.body.map((each) => sourceCode.getText(each))]);
  }
  if (first && first.loc.start.line === body.loc.start.line) {
    // `{ stmt;` on the brace's line: open the block onto its own lines
    const outer = indentOf(sourceCode, fn);
    const indent = outer + indentUnit(outer);
    return fixer.replaceTextRange([body.range[0] + 1, first.range[0]], `\n${indentLines(lines, indent)}\n${indent}`);
  }
  if (first) {
    const indent = indentOf(sourceCode, first);
    return fixer.insertTextBefore(first, `${indentLines(lines, indent).slice(indent.length)}\n${indent}`);
  }
  const outer = indentOf(sourceCode, fn);
  const indent = outer + indentUnit(outer);
  return fixer.replaceText(body, `{\n${indentLines(lines, indent)}\n${outer}}`);
}

/** Append statement lines at the end of a function body (turning an expression body into a block). */
export function appendToBody(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  fn: FunctionNode,
  lines: readonly string[],
): TSESLint.RuleFix {
  const body = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const last = body.body.at(-1);
    if (last && body.loc.start.line === body.loc.end.line) {
      return openBlock(sourceCode, fixer, fn, body, [...body.body.map((each) => sourceCode.getText(each)), ...lines]);
    }
    if (last) {
      const at = afterTrailingComments(sourceCode, last);
      return fixer.insertTextAfterRange([0, at], `\n${indentLines(lines, indentOf(sourceCode, last))}`);
    }
    const outer = indentOf(sourceCode, fn);
    return fixer.replaceText(body, `{\n${indentLines(lines, outer + indentUnit(outer))}\n${outer}}`);
  }
  const outer = indentOf(sourceCode, fn);
  const indent = outer + indentUnit(outer);
  const expression = sourceCode.getText(body);
  const wrapped = body.type === AST_NODE_TYPES.SequenceExpression ? `(${expression})` : expression;
  // an arrow's expression body may be parenthesised: replace the parentheses too
  const before = sourceCode.getTokenBefore(body);
  const after = sourceCode.getTokenAfter(body);
  const parenthesised = before?.value === '(' && after?.value === ')' && before.range[0] > (fn.params.at(-1)?.range[1] ?? fn.range[0]) && sourceCode.getTokenBefore(before)?.value === '=>';
  const range: TSESTree.Range = parenthesised && before && after ? [before.range[0], after.range[1]] : body.range;
  return fixer.replaceTextRange(range, `{\n${indent}${wrapped};\n${indentLines(lines, indent)}\n${outer}}`);
}

/** Rewrite a one-line block `{ a(); b(); }` as the given lines, one per line, inside the block. */
function openBlock(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  fn: FunctionNode,
  body: TSESTree.BlockStatement,
  lines: readonly string[],
): TSESLint.RuleFix {
  const outer = indentOf(sourceCode, fn);
  const indent = outer + indentUnit(outer);
  return fixer.replaceText(body, `{\n${indentLines(lines, indent)}\n${outer}}`);
}
