// Runs the probe's command line in a new VS Code terminal, and tells when the program there ends.
// With shell integration the command's end (and exit code) is known; without it, only the terminal's close.
import * as vscode from 'vscode';
import { shellKindOf, type ShellKind } from './shell-quoting.js';

/** How long a new terminal's shell integration may take to start before the line is typed without it. */
const SHELL_INTEGRATION_WAIT_MS = 3000;

export interface TerminalLaunch {
  name: string;
  cwd: string;
  env: Record<string, string>;
  /** The command line for the terminal's shell. */
  commandLine: (shell: ShellKind) => string;
  token: vscode.CancellationToken;
}

export interface TerminalRun extends vscode.Disposable {
  terminal: vscode.Terminal;
  /** The line typed into the terminal. */
  commandLine: string;
  /** Whether the end of the command can be seen (shell integration was active). */
  endIsSeen: boolean;
  /** Settles with a reason once the program or its terminal has ended. */
  ended: Promise<string>;
}

function shellIntegrationOf(terminal: vscode.Terminal, token: vscode.CancellationToken): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration !== undefined) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = (integration: vscode.TerminalShellIntegration | undefined): void => {
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      resolve(integration);
    };
    const timer = setTimeout(() => done(terminal.shellIntegration), SHELL_INTEGRATION_WAIT_MS);
    subscriptions.push(
      vscode.window.onDidChangeTerminalShellIntegration((event) => event.terminal === terminal && done(event.shellIntegration)),
      vscode.window.onDidCloseTerminal((closed) => closed === terminal && done(undefined)),
      token.onCancellationRequested(() => done(undefined)),
    );
  });
}

export async function runInTerminal(launch: TerminalLaunch): Promise<TerminalRun> {
  const terminal = vscode.window.createTerminal({
    name: launch.name,
    cwd: launch.cwd,
    env: launch.env,
    iconPath: new vscode.ThemeIcon('plug'),
  });
  terminal.show(true);
  const subscriptions: vscode.Disposable[] = [];
  let end: (reason: string) => void = () => {};
  const ended = new Promise<string>((resolve) => (end = resolve));
  subscriptions.push(
    vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) end(`its terminal "${launch.name}" was closed`);
    }),
  );

  const integration = await shellIntegrationOf(terminal, launch.token);
  const shell = shellKindOf(terminal.state.shell ?? vscode.env.shell, process.platform);
  let line: string;
  try {
    line = launch.commandLine(shell);
  } catch (error) {
    // Nothing can run in it: the terminal goes, and the caller says why.
    for (const subscription of subscriptions) subscription.dispose();
    terminal.dispose();
    throw error;
  }
  if (integration !== undefined && !launch.token.isCancellationRequested) {
    const execution = integration.executeCommand(line);
    subscriptions.push(
      vscode.window.onDidEndTerminalShellExecution((event) => {
        if (event.execution !== execution) return;
        end(event.exitCode === undefined ? 'the program ended' : `the program exited with code ${event.exitCode}`);
      }),
    );
  } else if (!launch.token.isCancellationRequested) {
    terminal.sendText(line, true);
  }
  return {
    terminal,
    commandLine: line,
    endIsSeen: integration !== undefined,
    ended,
    dispose: () => {
      for (const subscription of subscriptions) subscription.dispose();
    },
  };
}
