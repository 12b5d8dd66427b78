// "Socket Hygiene: Start with Probe…": runs a program or an npm script in a terminal under the probe bundled
// in the .vsix and attaches the Live Connections panel to it. A JavaScript file runs as
// `node --require <probe> <script>` and names its URL in SOCKET_HYGIENE_URL_FILE. A TypeScript file (through
// the project's tsx or ts-node, or Node's type stripping) and an npm script get the probe through NODE_OPTIONS,
// on demand: each of their processes that opens a server or socket writes `<pid>.json` to a URL folder, and
// each becomes an endpoint of its own. "Debug with Probe…" is in debug-probe.ts.
// The logic without VS Code lives in probe-command-line, shell-quoting, typescript-runner, node-options,
// url-file, url-records and wait-for-url.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerDebugWithProbe } from './debug-probe.js';
import { probeEnvironment } from './node-options.js';
import { probeRegisterPath } from './probe-bundle-path.js';
import { binCommandLine, probeCommandLine, scriptArgument } from './probe-command-line.js';
import { runInTerminal } from './probe-terminal.js';
import { RecordAttacher } from './record-attacher.js';
import { pickTarget } from './script-picker.js';
import { commandLine, UnquotableArgumentError, type ShellKind } from './shell-quoting.js';
import { isTypeScriptFile, typeScriptRunner } from './typescript-runner.js';
import { freshUrlFile } from './url-file.js';
import { firstRecordReading } from './url-records.js';
import { waitForUrl, waitForUrlFile, type WaitOutcome } from './wait-for-url.js';

export const START_WITH_PROBE_COMMAND = 'socketHygiene.startWithProbe';
const URL_WAIT_MS = 15_000;
/** An npm script may build for a while before anything listens. */
const NPM_URL_WAIT_MS = 60_000;
const URL_POLL_MS = 250;

/** What the command resolves to, for tests and other commands; undefined when nothing was started. */
export interface ProbeLaunch {
  outcome: WaitOutcome;
  terminal: vscode.Terminal;
  commandLine: string;
  /** Whether the program's end could be seen (shell integration); else only its terminal's close is. */
  endIsSeen: boolean;
  /** The folder of `<pid>.json` records, when the probe came through NODE_OPTIONS (removed when the command ends). */
  urlFolder?: string;
}

export function registerProbeCommand(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(START_WITH_PROBE_COMMAND, (argument?: unknown) => startWithProbe(context, output, argument)),
  );
  registerDebugWithProbe(context, output);
}

async function startWithProbe(context: vscode.ExtensionContext, output: vscode.OutputChannel, argument: unknown): Promise<ProbeLaunch | undefined> {
  // The manifest disables the command in untrusted workspaces; this covers executeCommand from elsewhere.
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage('Socket Hygiene: running a program with the probe needs a trusted workspace.');
    return undefined;
  }
  const target = await pickTarget(argument);
  if (target === undefined) return undefined;
  const registerPath = probeRegisterPath(context);
  if (registerPath === undefined) return undefined;
  try {
    if (target.kind === 'npmScript') {
      const cwd = target.folder.fsPath;
      return await startOnDemand(context, output, {
        label: `npm run ${target.name}`,
        cwd,
        registerPath,
        waitMs: NPM_URL_WAIT_MS,
        commandLine: (shell) => commandLine(shell, 'npm', ['run', target.name]),
      });
    }
    const script = target.uri;
    if (script.scheme !== 'file') {
      void vscode.window.showErrorMessage(`Socket Hygiene: ${script.toString()} is not a file on disk; only those can be run with the probe.`);
      return undefined;
    }
    const folder = vscode.workspace.getWorkspaceFolder(script);
    const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : path.dirname(script.fsPath);
    if (isTypeScriptFile(script.fsPath)) return await startTypeScript(context, output, { script: script.fsPath, cwd, registerPath });
    return await startNodeScript(output, { script: script.fsPath, cwd, registerPath });
  } catch (error) {
    if (!(error instanceof UnquotableArgumentError)) throw error;
    void vscode.window.showErrorMessage(`Socket Hygiene: ${error.message}`);
    return undefined;
  }
}

/** `node --require <probe> <script>`: the probe serves at once and names its URL in one file. */
async function startNodeScript(output: vscode.OutputChannel, { script, cwd, registerPath }: { script: string; cwd: string; registerPath: string }): Promise<ProbeLaunch> {
  const scriptName = path.basename(script);
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
          commandLine: (shell) => probeCommandLine({ registerPath, script, cwd, shell }),
          token,
        });
        output.appendLine(`[probe] in terminal "${terminalName}" (${cwd}): ${run.commandLine}`);
        progress.report({ message: 'waiting for its status URL…' });
        const cancel = new AbortController();
        const cancellation = token.onCancellationRequested(() => cancel.abort());
        try {
          const outcome = await waitForUrlFile(urlFile.file, { timeoutMs: URL_WAIT_MS, pollMs: URL_POLL_MS, signal: cancel.signal, exited: run.ended });
          if (outcome.kind === 'url') {
            output.appendLine(`[probe] ${scriptName} serves its status on ${outcome.url}`);
            await vscode.commands.executeCommand('socketHygiene.attach', outcome.url);
          }
          report(outcome, { started: scriptName, terminal: run.terminal, output });
          return { outcome, terminal: run.terminal, commandLine: run.commandLine, endIsSeen: run.endIsSeen };
        } finally {
          cancellation.dispose();
          run.dispose();
        }
      },
    );
  } finally {
    await urlFile.remove();
  }
}

/** `node --version` in the project's folder, or undefined when no node runs there. */
function nodeVersionIn(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('node', ['--version'], { cwd, timeout: 5000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

async function startTypeScript(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  { script, cwd, registerPath }: { script: string; cwd: string; registerPath: string },
): Promise<ProbeLaunch | undefined> {
  let runner = typeScriptRunner(path.dirname(script), undefined);
  if (runner.kind === 'none') runner = typeScriptRunner(path.dirname(script), await nodeVersionIn(cwd));
  if (runner.kind === 'none') {
    output.appendLine(`[probe] ${runner.message}`);
    void vscode.window.showErrorMessage(`Socket Hygiene: ${runner.message}`);
    return undefined;
  }
  const chosen = runner;
  return startOnDemand(context, output, {
    label: path.basename(script),
    cwd,
    registerPath,
    waitMs: URL_WAIT_MS,
    commandLine: (shell) =>
      chosen.kind === 'bin'
        ? binCommandLine(shell, chosen.bin, [scriptArgument(script, cwd)], cwd)
        : commandLine(shell, 'node', [...chosen.flags, scriptArgument(script, cwd)]),
  });
}

interface OnDemandLaunch {
  /** What was started, as the person knows it; names the terminal and the endpoints. */
  label: string;
  cwd: string;
  registerPath: string;
  waitMs: number;
  commandLine: (shell: ShellKind) => string;
}

/**
 * Runs a command with the probe in NODE_OPTIONS, on demand, and attaches the panel to each of its processes
 * that serves, for as long as the command runs. Resolves once the first one serves (or it ended, or timed out).
 */
async function startOnDemand(context: vscode.ExtensionContext, output: vscode.OutputChannel, launch: OnDemandLaunch): Promise<ProbeLaunch> {
  const terminalName = `Probe: ${launch.label}`;
  const urlFolder = await mkdtemp(path.join(os.tmpdir(), 'socket-hygiene-probe-'));
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Socket Hygiene: starting ${launch.label} with the probe`, cancellable: true },
    async (progress, token) => {
      const run = await runInTerminal({
        name: terminalName,
        cwd: launch.cwd,
        env: probeEnvironment(launch.registerPath, urlFolder),
        commandLine: launch.commandLine,
        token,
      });
      output.appendLine(`[probe] in terminal "${terminalName}" (${launch.cwd}), the probe in NODE_OPTIONS on demand: ${run.commandLine}`);
      const attacher = new RecordAttacher(urlFolder, launch.label, output);
      context.subscriptions.push(attacher);
      const stop = (): void => {
        attacher.dispose();
        run.dispose();
      };
      void run.ended.then(stop);
      progress.report({ message: 'waiting for a process of it to serve its status…' });
      const cancel = new AbortController();
      const cancellation = token.onCancellationRequested(() => cancel.abort());
      try {
        const outcome = await waitForUrl({
          read: () => firstRecordReading(urlFolder),
          timeoutMs: launch.waitMs,
          pollMs: URL_POLL_MS,
          signal: cancel.signal,
          exited: run.ended,
        });
        if (outcome.kind === 'url') await attacher.scan();
        else if (outcome.kind !== 'cancelled') stop();
        report(outcome, { started: launch.label, terminal: run.terminal, output });
        return { outcome, terminal: run.terminal, commandLine: run.commandLine, endIsSeen: run.endIsSeen, urlFolder };
      } finally {
        cancellation.dispose();
      }
    },
  );
}

function report(outcome: WaitOutcome, { started, terminal, output }: { started: string; terminal: vscode.Terminal; output: vscode.OutputChannel }): void {
  const showTerminal = (message: string): void => {
    output.appendLine(`[probe] ${message}`);
    void vscode.window.showErrorMessage(`Socket Hygiene: ${message}`, 'Show Terminal').then((choice) => choice !== undefined && terminal.show());
  };
  switch (outcome.kind) {
    case 'url':
      return;
    case 'exited':
      return showTerminal(`${started} stopped before its probe named a status URL (${outcome.reason}). See the terminal "${terminal.name}".`);
    case 'timeout':
      return showTerminal(
        `no status URL from ${started} within ${Math.round(outcome.waitedMs / 1000)} s. See the terminal "${terminal.name}": did the program start a server, on Node.js 20.19 or newer?`,
      );
    case 'invalid':
      return showTerminal(`${outcome.problem}.`);
    case 'cancelled':
      output.appendLine(`[probe] stopped waiting for ${started}'s status URL; it runs on in the terminal "${terminal.name}".`);
      return;
  }
}
