// "Socket Hygiene: Fix All in File": the lint core's fix-all rounds on the document's text, as one edit of the
// version it started from (nothing is applied if the document changed meanwhile).
import * as vscode from 'vscode';
import { toWorkspaceEdit } from './convert';
import type { DocumentLinter } from './document-linter';
import { lintFileName } from './documents';
import { lintSettingsFor } from './settings';

export const FIX_ALL_COMMAND = 'socketHygiene.fixAll';

export class FixAllRunner {
  constructor(private readonly linter: DocumentLinter) {}

  /** The edit that fixes all of the document, or undefined when there is nothing to fix (or it went stale). */
  async editFor(document: vscode.TextDocument, isCancelled: () => boolean = () => false): Promise<vscode.WorkspaceEdit | undefined> {
    const settings = lintSettingsFor(document);
    if (!this.linter.shouldLint(document, settings)) return undefined;
    const version = document.version;
    const text = document.getText();
    const fileName = lintFileName(document);
    const current = this.linter.current(document);
    // All rounds run in the lint worker as one request; a document edited meanwhile gets no edit.
    const result = await this.linter.fixAllText(text, fileName, settings, current?.problems);
    if (result.edits.length === 0 || document.version !== version || isCancelled()) return undefined;
    return toWorkspaceEdit(document.uri, result.edits);
  }

  /** The command: fixes the active editor's document. */
  async run(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) return;
    const edit = await this.editFor(document);
    if (!edit) {
      void vscode.window.setStatusBarMessage('Socket Hygiene: nothing to fix', 3000);
      return;
    }
    await vscode.workspace.applyEdit(edit);
  }
}
