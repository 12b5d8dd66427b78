// The extension activates on a JavaScript file and its Live Connections view opens, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId } from './extension-under-test.js';

const viewId = 'socketHygiene.liveConnections';

/** The folder the harness opened: a fresh temporary copy, so tests may write into it. */
function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return folder.uri;
}

describe('activation', () => {
  it('runs in VS Code 1.100.3', () => {
    assert.equal(vscode.version, '1.100.3');
  });

  it('activates when a JavaScript file is opened', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed`);

    const file = vscode.Uri.joinPath(workspaceFolder(), 'activation.js');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode("const net = require('node:net');\n"));
    const document = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'javascript');

    await waitFor(() => extension.isActive, 'the extension to activate');
  });

  it('opens the Live Connections view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.socketHygiene');
    await vscode.commands.executeCommand(`${viewId}.focus`);
  });

  it('shows its output channel through socketHygiene.showOutput', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('socketHygiene.showOutput'));
    await vscode.commands.executeCommand('socketHygiene.showOutput');
  });
});

/** Polls a condition that VS Code fulfils on its own time (no event exists for it), bounded at 20 s. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
