// Where the probe's register entry lies in the installed extension (bundled by scripts/probe-bundle.mjs).
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';

const PROBE_BUNDLE = ['dist', 'probe', 'register.js'];

/** The probe shipped in the .vsix, or undefined (and a message) when it is missing. */
export function probeRegisterPath(context: vscode.ExtensionContext): string | undefined {
  const registerPath = vscode.Uri.joinPath(context.extensionUri, ...PROBE_BUNDLE).fsPath;
  if (existsSync(registerPath)) return registerPath;
  void vscode.window.showErrorMessage(`Socket Hygiene: the probe is missing from the extension (${registerPath}); reinstall the extension.`);
  return undefined;
}
