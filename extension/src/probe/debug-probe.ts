// The probe in a debug session: a launch configuration of type `node` with `"socketHygieneProbe": true`
// (or one started by "Socket Hygiene: Debug with Probe…") gets `--require <probe>` in its runtimeArgs (the
// JavaScript debugger sets NODE_OPTIONS itself) and a URL folder in its env; the panel attaches to what the
// program writes there and the folder goes when the session ends. Only the resolved configuration changes,
// never the user's launch.json.
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RecordAttacher } from './record-attacher.js';
import { probeRegisterPath } from './probe-bundle-path.js';
import { pickTarget } from './script-picker.js';
import { firstRecordReading } from './url-records.js';
import { waitForUrl, type WaitOutcome } from './wait-for-url.js';

export const DEBUG_WITH_PROBE_COMMAND = 'socketHygiene.debugWithProbe';
/** The launch-configuration attribute that asks for the probe. */
export const PROBE_ATTRIBUTE = 'socketHygieneProbe';
/** Where the resolved configuration keeps its URL folder, for the session's start and end. */
const URL_FOLDER_ATTRIBUTE = 'socketHygieneUrlFolder';
const URL_WAIT_MS = 20_000;

/** What "Debug with Probe…" resolves to, for tests; undefined when nothing was started. */
export interface DebugProbeLaunch {
  outcome: WaitOutcome;
  sessionName: string;
  /** The configuration the session was started with, after the probe was added. */
  configuration?: vscode.DebugConfiguration;
}

function isNodeRuntime(runtimeExecutable: unknown): boolean {
  if (runtimeExecutable === undefined) return true;
  return typeof runtimeExecutable === 'string' && /^node(?:\.exe)?$/i.test(path.basename(runtimeExecutable));
}

class ProbeDebugConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration {
    if (configuration[PROBE_ATTRIBUTE] !== true || configuration.request !== 'launch' || configuration[URL_FOLDER_ATTRIBUTE] !== undefined) return configuration;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Socket Hygiene: the probe runs only in a trusted workspace; debugging without it.');
      return configuration;
    }
    if (!isNodeRuntime(configuration.runtimeExecutable)) {
      // runtimeArgs of npm or another runtime are not node's flags: the probe would break the command.
      void vscode.window.showWarningMessage(
        `Socket Hygiene: "${PROBE_ATTRIBUTE}" needs a launch of node itself (runtimeExecutable "${String(configuration.runtimeExecutable)}"); use "Start with Probe…" for npm scripts. Debugging without the probe.`,
      );
      return configuration;
    }
    const registerPath = probeRegisterPath(this.context);
    if (registerPath === undefined) return configuration;
    const urlFolder = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-probe-'));
    return {
      ...configuration,
      runtimeArgs: [...((configuration.runtimeArgs as string[] | undefined) ?? []), '--require', registerPath],
      env: { ...((configuration.env as Record<string, string> | undefined) ?? {}), SOCKET_HYGIENE_URL_DIR: urlFolder },
      [URL_FOLDER_ATTRIBUTE]: urlFolder,
    };
  }
}

export function registerDebugWithProbe(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  const attachers = new Map<string, RecordAttacher>();
  const folderOf = (session: vscode.DebugSession): string | undefined => {
    const folder: unknown = session.configuration[URL_FOLDER_ATTRIBUTE];
    return typeof folder === 'string' ? folder : undefined;
  };
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider('node', new ProbeDebugConfigurationProvider(context)),
    // The JavaScript debugger starts child sessions with the parent's configuration: one attacher per folder.
    vscode.debug.onDidStartDebugSession((session) => {
      const folder = folderOf(session);
      if (folder === undefined || attachers.has(folder)) return;
      attachers.set(folder, new RecordAttacher(folder, `Debug: ${session.name}`, output));
    }),
    vscode.debug.onDidTerminateDebugSession((session) => {
      const folder = folderOf(session);
      if (folder === undefined || session.parentSession !== undefined) return;
      attachers.get(folder)?.dispose();
      attachers.delete(folder);
    }),
    { dispose: () => attachers.forEach((attacher) => attacher.dispose()) },
    vscode.commands.registerCommand(DEBUG_WITH_PROBE_COMMAND, (argument?: unknown) => debugWithProbe(argument)),
  );

  async function debugWithProbe(argument: unknown): Promise<DebugProbeLaunch | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Socket Hygiene: running a program with the probe needs a trusted workspace.');
      return undefined;
    }
    const target = await pickTarget(argument, { title: 'Debug with Probe', withNpmScripts: false });
    if (target?.kind !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(target.uri);
    const sessionName = `Debug with Probe: ${path.basename(target.uri.fsPath)}`;
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const subscription = vscode.debug.onDidStartDebugSession((session) => {
        if (session.name !== sessionName || folderOf(session) === undefined) return;
        subscription.dispose();
        resolve(session);
      });
    });
    const ok = await vscode.debug.startDebugging(folder, {
      type: 'node',
      request: 'launch',
      name: sessionName,
      program: target.uri.fsPath,
      cwd: folder?.uri.fsPath ?? path.dirname(target.uri.fsPath),
      [PROBE_ATTRIBUTE]: true,
    });
    if (!ok) return undefined;
    const session = await Promise.race([started, new Promise<undefined>((resolve) => setTimeout(resolve, URL_WAIT_MS))]);
    if (session === undefined) return { outcome: { kind: 'timeout', waitedMs: URL_WAIT_MS }, sessionName };
    const { configuration } = session;
    const urlFolder = folderOf(session) as string;
    const ended = new Promise<string>((resolve) => {
      const subscription = vscode.debug.onDidTerminateDebugSession((done) => {
        if (done.id !== session.id) return;
        subscription.dispose();
        resolve('the debug session ended');
      });
    });
    const outcome = await waitForUrl({ read: () => firstRecordReading(urlFolder), timeoutMs: URL_WAIT_MS, pollMs: 250, exited: ended });
    if (outcome.kind === 'url') await attachers.get(urlFolder)?.scan();
    else void vscode.window.showErrorMessage(`Socket Hygiene: no status URL from ${sessionName} (${outcome.kind === 'exited' ? outcome.reason : outcome.kind}).`);
    return { outcome, sessionName, configuration };
  }
}
