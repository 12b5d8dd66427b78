// Ctrl+. on a socket-hygiene problem: each ESLint suggestion of the report, "Disable … for this line", and
// "Show documentation"; and `source.fixAll.socketHygiene`, asked for by name only, for the user's codeActionsOnSave.
import * as vscode from 'vscode';
import { disableCommentEdit } from '../lint/disable-comment';
import { ruleNameOf } from '../lint/settings';
import { problemOf, toWorkspaceEdit } from './convert';
import type { DocumentLinter } from './document-linter';
import type { FixAllRunner } from './fix-all';
import type { WorkspaceEslint } from './workspace-eslint';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('socketHygiene');
export const SHOW_RULE_DOCUMENTATION_COMMAND = 'socketHygiene.showRuleDocumentation';

export class SocketHygieneCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly linter: DocumentLinter,
    private readonly workspaceEslint: WorkspaceEslint,
    private readonly fixAll: FixAllRunner,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    // Only a request for this extension's own kind (or a more specific one): the generic `source.fixAll` of a
    // user's codeActionsOnSave must never apply suggestions, which change behaviour (new listeners, destroy()).
    if (context.only && FIX_ALL_KIND.contains(context.only)) {
      const edit = await this.fixAll.editFor(document, () => token.isCancellationRequested);
      if (!edit || token.isCancellationRequested) return [];
      const action = new vscode.CodeAction('Fix all socket-hygiene problems', FIX_ALL_KIND);
      action.edit = edit;
      return [action];
    }
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) {
      return [];
    }
    // Edits are offsets into the linted text: offer nothing for a version that was not linted.
    const linted = this.linter.current(document);
    if (!linted) return [];
    const actions: vscode.CodeAction[] = [];
    const disableStyle = this.workspaceEslint.loadsPlugin(document.uri) ? 'eslint' : 'socket-hygiene';
    let preferredGiven = false;
    for (const diagnostic of context.diagnostics) {
      const problem = problemOf(diagnostic, linted.problems);
      if (!problem) continue;
      for (const suggestion of problem.suggestions) {
        const action = new vscode.CodeAction(suggestion.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = toWorkspaceEdit(document.uri, [suggestion.edit]);
        if (!preferredGiven) {
          action.isPreferred = true;
          preferredGiven = true;
        }
        actions.push(action);
      }
      const ruleName = ruleNameOf(problem.ruleId);
      if (!ruleName) continue;
      const disable = new vscode.CodeAction(`Disable ${problem.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
      disable.diagnostics = [diagnostic];
      disable.edit = toWorkspaceEdit(document.uri, [disableCommentEdit(linted.text, problem.range.start.line, ruleName, disableStyle)]);
      actions.push(disable);
      const docs = new vscode.CodeAction(`Show documentation for ${problem.ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.diagnostics = [diagnostic];
      docs.command = { title: docs.title, command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [ruleName, problem.docsUrl] };
      actions.push(docs);
    }
    return actions;
  }
}
