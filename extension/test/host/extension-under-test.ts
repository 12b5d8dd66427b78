// The installed extension, as every host suite needs it first.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'socket-hygiene.socket-hygiene';

/** Activates the extension (whatever activated it before) and fails the suite when it is not installed. */
export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  assert.ok(extension, `${extensionId} is installed`);
  await extension.activate();
}
