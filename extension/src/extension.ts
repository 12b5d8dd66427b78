// Only wiring: each part registers itself and pushes its own disposables into context.subscriptions.
import * as vscode from 'vscode';
import { registerDiagnostics } from './diagnostics/register';
import { registerLiveLint } from './live-lint/register';
import { registerPanel } from './panel/register';
import { registerProbeCommand } from './probe/register';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Socket Hygiene');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('socketHygiene.showOutput', () => output.show(true)),
  );
  const { version } = context.extension.packageJSON as { version: string };
  output.appendLine(`Socket Hygiene ${version} activated (VS Code ${vscode.version}).`);
  registerDiagnostics(context, output);
  registerLiveLint(context, registerPanel(context, output));
  registerProbeCommand(context, output);
}

export function deactivate(): void {}
