// socketHygiene.errorHandlerTemplate in a real VS Code: the quick fix of require-error-listener inserts the
// template, filled in, and an edit of the setting takes effect without reopening the file.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './extension-under-test.js';

const FIXTURE = 'socket-without-error-listener/leaky.js';

function copyFixture(): vscode.Uri {
  const repository = process.env.SOCKET_HYGIENE_REPO;
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(repository && folder, 'the harness passes SOCKET_HYGIENE_REPO and opens a folder');
  const target = path.join(folder.uri.fsPath, 'error-handler-template', path.basename(FIXTURE));
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(path.join(repository, 'test-fixtures', FIXTURE), target);
  return vscode.Uri.file(target);
}

/** The inserted text of the preferred quick fix on the first require-error-listener problem, once there is one. */
async function preferredFixText(document: vscode.TextDocument, wanted: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const diagnostic = vscode.languages
      .getDiagnostics(document.uri)
      .find((found) => found.source === 'socket-hygiene' && typeof found.code === 'object' && found.code.value === 'socket-hygiene/require-error-listener');
    if (diagnostic) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = actions.find((action) => action.isPreferred);
      last = preferred?.edit?.get(document.uri).map((edit) => edit.newText).join('') ?? '';
      if (wanted(last)) return last;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the quick fix; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('socketHygiene.errorHandlerTemplate', () => {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('socketHygiene');

  before(activateExtension);

  after(async () => {
    await settings().update('errorHandlerTemplate', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("the quick fix inserts the template, and follows an edit of the setting", async () => {
    const document = await vscode.workspace.openTextDocument(copyFixture());
    await vscode.window.showTextDocument(document);
    const builtIn = await preferredFixText(document, (text) => text.includes("'error'"));
    assert.match(builtIn, /console\.error\('socket error from', \w+\.remoteAddress, error\);/);

    await settings().update('errorHandlerTemplate', "report('${kind}', ${target}, error);", vscode.ConfigurationTarget.Workspace);
    const templated = await preferredFixText(document, (text) => text.includes('report('));
    assert.match(templated, /\.on\('error', \(error\) => \{\n\s+report\('socket', \w+, error\);\n\s*\}\);/);
    assert.doesNotMatch(templated, /console\.error/);
  });
});
