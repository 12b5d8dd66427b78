// A lint core problem as a VS Code diagnostic, and back: the link between a diagnostic and its problem.
import * as vscode from 'vscode';
import type { Range, SocketProblem, TextEdit } from '../lint/index';

export const DIAGNOSTIC_SOURCE = 'socket-hygiene';

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** One Uri per rule's docs URL, not one parsed per problem per lint (there are three rules). */
const docsUris = new Map<string, vscode.Uri>();
function docsUri(url: string): vscode.Uri {
  let uri = docsUris.get(url);
  if (!uri) {
    uri = vscode.Uri.parse(url);
    docsUris.set(url, uri);
  }
  return uri;
}

export function toDiagnostic(problem: SocketProblem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(
    toVsRange(problem.range),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = problem.docsUrl
    ? { value: problem.ruleId, target: docsUri(problem.docsUrl) }
    : problem.ruleId;
  return diagnostic;
}

export function ruleIdOfDiagnostic(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object') return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** The problem a diagnostic was made from: same rule, same range, same message. */
export function problemOf(diagnostic: vscode.Diagnostic, problems: readonly SocketProblem[]): SocketProblem | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const ruleId = ruleIdOfDiagnostic(diagnostic);
  return problems.find(
    (problem) =>
      problem.ruleId === ruleId && problem.message === diagnostic.message && toVsRange(problem.range).isEqual(diagnostic.range),
  );
}

export function toWorkspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) workspaceEdit.replace(uri, toVsRange(edit.range), edit.newText);
  return workspaceEdit;
}
