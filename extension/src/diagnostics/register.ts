// Wires the socket-hygiene diagnostics into VS Code: document events, settings, code actions and commands.
// Activation only creates objects; ESLint itself loads on the first lint.
import * as vscode from 'vscode';
import { SHOW_RULE_DOCUMENTATION_COMMAND, SocketHygieneCodeActionProvider } from './code-actions';
import { DocumentLinter } from './document-linter';
import { DOCUMENT_SELECTOR } from './documents';
import { FIX_ALL_COMMAND, FixAllRunner } from './fix-all';
import { LINT_WORKSPACE_COMMAND, lintWorkspace } from './lint-workspace';
import { createLintWorker } from './lint-worker';
import { showRuleDocumentation } from './rule-docs';
import { SETTINGS_SECTION } from './settings';
import { WorkspaceEslint } from './workspace-eslint';

export function registerDiagnostics(context: vscode.ExtensionContext, output: Pick<vscode.OutputChannel, 'appendLine'>): void {
  const workspaceEslint = new WorkspaceEslint(output);
  const relintOpenDocuments = (): void => {
    for (const document of vscode.workspace.textDocuments) linter.trigger(document, 'settings');
  };
  const linter = new DocumentLinter(output, workspaceEslint, createLintWorker(output, relintOpenDocuments, context.globalStorageUri));
  const fixAll = new FixAllRunner(linter);
  const packageJsonWatcher = vscode.workspace.createFileSystemWatcher('**/package.json');
  const packageTypeChanged = (uri: vscode.Uri): void => {
    if (uri.fsPath.includes('node_modules')) return;
    linter.forgetModuleKinds();
    relintOpenDocuments();
  };

  context.subscriptions.push(
    workspaceEslint,
    linter,
    packageJsonWatcher,
    vscode.workspace.onDidOpenTextDocument((document) => linter.trigger(document, 'open')),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0) linter.trigger(event.document, 'change');
    }),
    vscode.workspace.onDidSaveTextDocument((document) => linter.trigger(document, 'save')),
    vscode.workspace.onDidCloseTextDocument((document) => linter.clear(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) linter.forgetSettings();
      if (event.affectsConfiguration(SETTINGS_SECTION) || event.affectsConfiguration('eslint.enable')) relintOpenDocuments();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => linter.forgetSettings()),
    // The ESLint extension being installed, enabled or disabled changes what "auto" means.
    vscode.extensions.onDidChange(relintOpenDocuments),
    workspaceEslint.onDidChange(relintOpenDocuments),
    packageJsonWatcher.onDidChange(packageTypeChanged),
    packageJsonWatcher.onDidCreate(packageTypeChanged),
    packageJsonWatcher.onDidDelete(packageTypeChanged),
    vscode.languages.registerCodeActionsProvider(
      DOCUMENT_SELECTOR,
      new SocketHygieneCodeActionProvider(linter, workspaceEslint, fixAll),
      SocketHygieneCodeActionProvider.metadata,
    ),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, () => fixAll.run()),
    vscode.commands.registerCommand(LINT_WORKSPACE_COMMAND, () => lintWorkspace(linter)),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, (ruleName: string, docsUrl?: string) =>
      showRuleDocumentation(context.extensionUri, ruleName, docsUrl),
    ),
  );
  // The documents already open (the one whose opening activated us) are linted just after activate returns;
  // then, if the workspace has TypeScript, the worker loads the TypeScript parser before a .ts file asks.
  const firstLint = setTimeout(() => {
    relintOpenDocuments();
    void hasTypeScript().then((found) => found && linter.prepareTypeScript(), () => undefined);
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(firstLint) });
}

/** A tsconfig.json or a TypeScript file anywhere in the workspace (one match is enough). */
async function hasTypeScript(): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) return false;
  const found = await vscode.workspace.findFiles('{**/tsconfig.json,**/*.ts,**/*.tsx,**/*.mts,**/*.cts}', '**/node_modules/**', 1);
  return found.length > 0;
}
