// Which program to run under the probe: the one given to the command, else the JavaScript file in the
// active editor, else one chosen from the workspace's JavaScript files or from a file dialog.
import * as vscode from 'vscode';

const JAVASCRIPT_FILE = /\.(?:c|m)?js$/i;
const MAX_LISTED_FILES = 500;

function isJavaScriptFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && JAVASCRIPT_FILE.test(uri.fsPath);
}

/** A Uri, or a path string, given by another command or a menu. */
function givenScript(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  if (typeof argument === 'string' && argument.trim() !== '') return vscode.Uri.file(argument.trim());
  return undefined;
}

async function browse(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Start Node Program with Probe',
    openLabel: 'Start with Probe',
    canSelectMany: false,
    filters: { JavaScript: ['js', 'mjs', 'cjs'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

async function pickFromWorkspace(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.{js,mjs,cjs}', '**/node_modules/**', MAX_LISTED_FILES);
  if (files.length === 0) return browse();
  const browseItem = { label: '$(folder-opened) Browse…', uri: undefined };
  // In a multi-root workspace the path starts with its folder's name.
  const fileItems = files
    .map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick([...fileItems, browseItem], {
    title: 'Start Node Program with Probe',
    placeHolder: 'The script to run with node --require <probe>',
    matchOnDescription: true,
  });
  if (picked === undefined) return undefined;
  return picked.uri ?? browse();
}

/** The script to run, saved if it had unsaved changes; undefined when the person chose none. */
export async function pickScript(argument: unknown): Promise<vscode.Uri | undefined> {
  const given = givenScript(argument);
  if (given !== undefined) return given;
  const editor = vscode.window.activeTextEditor;
  if (editor !== undefined && isJavaScriptFile(editor.document.uri)) {
    // The terminal runs the file on disk, so what is on screen must be there.
    if (editor.document.isDirty) await editor.document.save();
    return editor.document.uri;
  }
  return pickFromWorkspace();
}
