// "Socket Hygiene: Start Node Program with Probe…": runs a script in a terminal as
// `node --require <the probe bundled in the .vsix> <script>`, waits for the URL the probe writes to
// SOCKET_HYGIENE_URL_FILE, and attaches the Live Connections panel to it (socketHygiene.attach).
// The logic without VS Code lives in probe-command-line, shell-quoting, url-file and wait-for-url.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { probeCommandLine } from './probe-command-line.js';
import { runInTerminal } from './probe-terminal.js';
import { pickScript } from './script-picker.js';
import { UnquotableArgumentError } from './shell-quoting.js';
import { freshUrlFile } from './url-file.js';
import { waitForUrlFile, type WaitOutcome } from './wait-for-url.js';

export const START_WITH_PROBE_COMMAND = 'socketHygiene.startWithProbe';
/** The probe's register entry, bundled by scripts/probe-bundle.mjs. */
const PROBE_BUNDLE = ['dist', 'probe', 'register.js'];
const URL_WAIT_MS = 15_000;
const URL_POLL_MS = 250;

/** What the command resolves to, for tests and other commands; undefined when nothing was started. */
export interface ProbeLaunch {
  outcome: WaitOutcome;
  terminal: vscode.Terminal;
  commandLine: string;
  /** Whether the program's end could be seen (shell integration); else only its terminal's close is. */
  endIsSeen: boolean;
}

export function registerProbeCommand(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(START_WITH_PROBE_COMMAND, (argument?: unknown) => startWithProbe(context, output, argument)),
  );
}

async function startWithProbe(context: vscode.ExtensionContext, output: vscode.OutputChannel, argument: unknown): Promise<ProbeLaunch | undefined> {
  // The manifest disables the command in untrusted workspaces; this covers executeCommand from elsewhere.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Socket Hygiene: running a program with the probe needs a trusted workspace.');
    return undefined;
  }
  const script = await pickScript(argument);
  if (script === undefined) return undefined;
  if (script.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Socket Hygiene: ${script.toString()} is not a file on disk; only those can be run with the probe.`);
    return undefined;
  }
  const registerPath = vscode.Uri.joinPath(context.extensionUri, ...PROBE_BUNDLE).fsPath;
  if (!existsSync(registerPath)) {
    void vscode.window.showErrorMessage(`Socket Hygiene: the probe is missing from the extension (${registerPath}); reinstall the extension.`);
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(script);
  const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : path.dirname(script.fsPath);
  const scriptName = path.basename(script.fsPath);
  const terminalName = `Probe: ${scriptName}`;
  const urlFile = await freshUrlFile();

  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Socket Hygiene: starting ${scriptName} with the probe`, cancellable: true },
      async (progress, token) => {
        const run = await runInTerminal({
          name: terminalName,
          cwd,
          env: { SOCKET_HYGIENE_URL_FILE: urlFile.file },
          commandLine: (shell) => probeCommandLine({ registerPath, script: script.fsPath, cwd, shell }),
          token,
        });
        output.appendLine(`[probe] in terminal "${terminalName}" (${cwd}): ${run.commandLine}`);
        progress.report({ message: 'waiting for its status URL…' });
        const cancel = new AbortController();
        const cancellation = token.onCancellationRequested(() => cancel.abort());
        try {
          const outcome = await waitForUrlFile(urlFile.file, { timeoutMs: URL_WAIT_MS, pollMs: URL_POLL_MS, signal: cancel.signal, exited: run.ended });
          await report(outcome, { scriptName, terminal: run.terminal, output });
          return { outcome, terminal: run.terminal, commandLine: run.commandLine, endIsSeen: run.endIsSeen };
        } finally {
          cancellation.dispose();
          run.dispose();
        }
      },
    );
  } catch (error) {
    if (!(error instanceof UnquotableArgumentError)) throw error;
    void vscode.window.showErrorMessage(`Socket Hygiene: ${error.message}`);
    return undefined;
  } finally {
    await urlFile.remove();
  }
}

async function report(outcome: WaitOutcome, { scriptName, terminal, output }: { scriptName: string; terminal: vscode.Terminal; output: vscode.OutputChannel }): Promise<void> {
  const showTerminal = (message: string): void => {
    output.appendLine(`[probe] ${message}`);
    void vscode.window.showErrorMessage(`Socket Hygiene: ${message}`, 'Show Terminal').then((choice) => choice !== undefined && terminal.show());
  };
  switch (outcome.kind) {
    case 'url':
      output.appendLine(`[probe] ${scriptName} serves its status on ${outcome.url}`);
      await vscode.commands.executeCommand('socketHygiene.attach', outcome.url);
      return;
    case 'exited':
      return showTerminal(`${scriptName} stopped before its probe named a status URL (${outcome.reason}). See the terminal "${terminal.name}".`);
    case 'timeout':
      return showTerminal(
        `no status URL from ${scriptName} within ${Math.round(outcome.waitedMs / 1000)} s. See the terminal "${terminal.name}": did the program start, on Node.js 20.19 or newer?`,
      );
    case 'invalid':
      return showTerminal(`${outcome.problem}.`);
    case 'cancelled':
      output.appendLine(`[probe] stopped waiting for ${scriptName}'s status URL; it runs on in the terminal "${terminal.name}".`);
      return;
  }
}
