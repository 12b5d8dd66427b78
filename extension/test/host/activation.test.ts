// The extension activates on a JavaScript file and its Live Connections view opens, in a real VS Code.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
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
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(`${viewId}.focus`), `${viewId} is contributed`);
    // Whether the view is shown is seen from its endpoint's side: while no view of the container is visible the
    // panel polls every 10 s, once the view shows it polls at pollIntervalMs (here 250 ms).
    let requests = 0;
    const server = http.createServer((_request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ activeConnections: 0 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/status`;
    const configuration = vscode.workspace.getConfiguration('socketHygiene');
    try {
      await vscode.commands.executeCommand('workbench.view.explorer');
      await configuration.update('pollIntervalMs', 250, vscode.ConfigurationTarget.Global);
      await configuration.update('endpoints', [url], vscode.ConfigurationTarget.Global);
      // Hidden: at most the first request in a second.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.ok(requests <= 1, `${requests} requests in 1 s while the view was hidden`);
      const hidden = requests;
      await vscode.commands.executeCommand('workbench.view.extension.socketHygiene');
      await vscode.commands.executeCommand(`${viewId}.focus`);
      await waitFor(() => requests >= hidden + 3, 'polls at 250 ms once the view is shown', 5000);
    } finally {
      await configuration.update('endpoints', undefined, vscode.ConfigurationTarget.Global);
      await configuration.update('pollIntervalMs', undefined, vscode.ConfigurationTarget.Global);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('shows its output channel through socketHygiene.showOutput', async () => {
    // The Output panel's editor is one of the visible text editors (scheme `output`) while it shows a channel;
    // ours is known by the line activate() writes first.
    const ourChannelShown = (): boolean =>
      vscode.window.visibleTextEditors.some(
        (editor) => editor.document.uri.scheme === 'output' && /^Socket Hygiene .* activated/m.test(editor.document.getText()),
      );
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await waitFor(() => !ourChannelShown(), 'the panel to close', 5000);
    await vscode.commands.executeCommand('socketHygiene.showOutput');
    await waitFor(ourChannelShown, 'the Socket Hygiene output channel to show', 5000);
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
