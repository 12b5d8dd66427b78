// The lint settings of a document, read from VS Code once per workspace folder and language instead of on every
// keystroke (each change event asks for them before the debounce). `socketHygiene.*` are resource settings: user,
// workspace and folder values and `[language]` overrides, so a document's settings follow from its folder and
// language id. The cache is emptied on every change of the section and of the workspace folders.
import * as vscode from 'vscode';
import type { LintSettings } from '../lint/settings';
import { lintSettingsFor } from './settings';

export class LintSettingsCache {
  private readonly byScope = new Map<string, LintSettings>();

  of(document: vscode.TextDocument): LintSettings {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const key = `${document.languageId}|${folder?.uri.toString() ?? ''}`;
    let settings = this.byScope.get(key);
    if (!settings) {
      settings = lintSettingsFor(document);
      this.byScope.set(key, settings);
    }
    return settings;
  }

  clear(): void {
    this.byScope.clear();
  }
}
