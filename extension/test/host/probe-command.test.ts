// "Start with Probe…" on a JavaScript file in a real VS Code: a small server written into the workspace runs in a
// terminal under the probe shipped in the .vsix, the Live Connections panel attaches to the URL the probe
// writes, and its snapshot follows a connection opened here on 127.0.0.1. Every terminal is disposed
// (which ends its program) and the endpoint detached when a test ends.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './extension-under-test.js';
import type { ProbeLaunch } from '../../src/probe/register.js';

const command = 'socketHygiene.startWithProbe';

interface Snapshot {
  pid?: number;
  activeConnections: number;
  connections: Array<{ remote: string; hasErrorListener?: boolean }>;
}

// Listens on an ephemeral port and writes it beside itself, so the test can connect.
const SERVER = `const net = require('node:net');
const { writeFileSync } = require('node:fs');
const server = net.createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => socket.write(chunk));
});
server.listen(0, '127.0.0.1', () => {
  writeFileSync(__dirname + '/server.port', String(server.address().port));
  console.log('listening on ' + server.address().port);
});
`;

function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return folder.uri;
}

async function writeScript(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Polls what VS Code, the terminal and the panel fulfil on their own time, bounded. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the panel last received from the endpoint, through its own Copy Snapshot command. */
async function panelSnapshot(url: string): Promise<Snapshot | undefined> {
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('socketHygiene.copySnapshot', url);
  const text = await vscode.env.clipboard.readText();
  return text === '' ? undefined : (JSON.parse(text) as Snapshot);
}

/** The parent of a process, from /proc (the extension host runs on Linux here). */
function parentPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

describe('Start with Probe… (a JavaScript file)', () => {
  const launches: ProbeLaunch[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('socketHygiene');

  before(async () => {
    await activateExtension();
    await config().update('pollIntervalMs', 250, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    for (const launch of launches.splice(0)) {
      if (launch.outcome.kind === 'url') await vscode.commands.executeCommand('socketHygiene.detach', launch.outcome.url);
      launch.terminal.dispose();
      // Disposing the terminal ends its shell and the program in it: the probe stops answering.
      if (launch.outcome.kind === 'url') await until(() => refused((launch.outcome as { url: string }).url), Boolean, 'the program to end');
    }
  });

  after(async () => {
    await config().update('pollIntervalMs', undefined, vscode.ConfigurationTarget.Global);
  });

  it('is contributed, and disabled in untrusted workspaces', () => {
    const extension = vscode.extensions.getExtension(extensionId)!;
    const contributed = (extension.packageJSON as { contributes: { commands: Array<{ command: string; enablement?: string; title: string }> } }).contributes.commands.find(
      (entry) => entry.command === command,
    );
    assert.equal(contributed?.title, 'Start with Probe…');
    assert.equal(contributed?.enablement, 'isWorkspaceTrusted');
  });

  it('runs the script under the probe and attaches the panel, whose count follows a connection', async () => {
    const script = await writeScript('probe-server.js', SERVER);
    const launch = await vscode.commands.executeCommand<ProbeLaunch | undefined>(command, script);
    assert.ok(launch, 'the command started a program');
    launches.push(launch);
    assert.equal(launch.outcome.kind, 'url', JSON.stringify(launch.outcome));
    const url = launch.outcome.kind === 'url' ? launch.outcome.url : '';
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/status$/);
    assert.match(launch.commandLine, /^node --require \S*dist\/probe\/register\.js'? probe-server\.js$/);
    assert.equal(launch.terminal.name, 'Probe: probe-server.js');

    const first = await until(() => panelSnapshot(url), (snapshot) => snapshot !== undefined, 'the panel to receive a report');
    assert.equal(first?.activeConnections, 0);
    // The report comes from the program the terminal's shell started.
    assert.equal(parentPid(first?.pid ?? 0), await launch.terminal.processId);

    const port = Number(await until(() => readText(vscode.Uri.joinPath(workspaceFolder(), 'server.port')), (text) => text !== undefined, 'the port file'));
    const client = net.connect(port, '127.0.0.1');
    try {
      await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject));
      const open = await until(() => panelSnapshot(url), (snapshot) => snapshot?.activeConnections === 1, 'the panel to count the connection');
      assert.equal(open?.connections[0]?.remote, `127.0.0.1:${client.localPort}`);
      assert.equal(open?.connections[0]?.hasErrorListener, true);
    } finally {
      client.end();
    }
    await until(() => panelSnapshot(url), (snapshot) => snapshot?.activeConnections === 0, 'the panel to see the connection closed');
  });

  it('without shell integration it types the line into the shell and still attaches', async () => {
    const terminalConfig = vscode.workspace.getConfiguration('terminal.integrated');
    await terminalConfig.update('shellIntegration.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const script = await writeScript('probe-plain-shell.js', SERVER.replace('server.port', 'plain.port'));
      const launch = await vscode.commands.executeCommand<ProbeLaunch | undefined>(command, script);
      assert.ok(launch, 'the command started a program');
      launches.push(launch);
      assert.equal(launch.endIsSeen, false, 'no shell integration in this terminal');
      assert.equal(launch.outcome.kind, 'url', JSON.stringify(launch.outcome));
      const url = launch.outcome.kind === 'url' ? launch.outcome.url : '';
      await until(() => panelSnapshot(url), (snapshot) => snapshot?.activeConnections === 0, 'the panel to receive a report');
    } finally {
      await terminalConfig.update('shellIntegration.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('says so when the program ends before the probe names its URL', async () => {
    const script = await writeScript('probe-exits.js', 'process.exit(3);\n');
    const started = Date.now();
    const launch = await vscode.commands.executeCommand<ProbeLaunch | undefined>(command, script);
    assert.ok(launch, 'the command started a program');
    launches.push(launch);
    assert.equal(launch.endIsSeen, true, 'shell integration reports the end of the command');
    assert.equal(launch.outcome.kind, 'exited', JSON.stringify(launch.outcome));
    assert.match(launch.outcome.kind === 'exited' ? launch.outcome.reason : '', /exited with code 3/);
    assert.ok(Date.now() - started < 10_000, 'known at once, not after the 15 s limit');
  });
});
