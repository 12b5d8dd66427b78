// The rule docs ship inside the extension so "Show documentation" works offline. The one place that says where.
import * as vscode from 'vscode';

/** Folder of `<rule>.md`, relative to the extension root (the repository root, where the manifest is). */
export const RULE_DOCS_FOLDER = 'eslint-plugin/docs/rules';

export function ruleDocUri(extensionUri: vscode.Uri, ruleName: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...RULE_DOCS_FOLDER.split('/'), `${ruleName}.md`);
}

export async function showRuleDocumentation(extensionUri: vscode.Uri, ruleName: string, docsUrl?: string): Promise<void> {
  const uri = ruleDocUri(extensionUri, ruleName);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    // A build without the docs: the rule's online documentation is the next best thing.
    if (docsUrl) await vscode.env.openExternal(vscode.Uri.parse(docsUrl));
    else void vscode.window.showWarningMessage(`No documentation found for socket-hygiene/${ruleName}.`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
