// "Start with Probe…" on a TypeScript program (through the project's own tsx) and on an npm script, and
// "Debug with Probe…" on a JavaScript program, in a real VS Code: each comes up in the Live Connections panel,
// whose snapshot follows a connection opened here on 127.0.0.1. Terminals are disposed and debug sessions
// stopped when a test ends, which ends their programs.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import * as net from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import type { DebugProbeLaunch } from '../../src/probe/debug-probe.js';
import type { ProbeLaunch } from '../../src/probe/register.js';
import { activateExtension } from './extension-under-test.js';

interface Snapshot {
  pid?: number;
  activeConnections: number;
}

/** Listens on an ephemeral port and writes it to `portFile` in the working directory; typed for TypeScript. */
const server = (portFile: string, typed: boolean): string =>
  [
    "import * as net from 'node:net';",
    "import { writeFileSync } from 'node:fs';",
    `const server${typed ? ': net.Server' : ''} = net.createServer((socket${typed ? ': net.Socket' : ''}) => {`,
    "  socket.on('error', () => socket.destroy());",
    "  socket.on('data', (chunk) => socket.write(chunk));",
    '});',
    "server.listen(0, '127.0.0.1', () => {",
    `  const { port } = server.address()${typed ? ' as net.AddressInfo' : ''};`,
    `  writeFileSync(${JSON.stringify(portFile)}, String(port));`,
    '});',
    '',
  ].join('\n');

function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return folder.uri;
}

async function writeFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceFolder(), name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function panelSnapshot(url: string): Promise<Snapshot | undefined> {
  await vscode.env.clipboard.writeText('');
  await vscode.commands.executeCommand('socketHygiene.copySnapshot', url);
  const text = await vscode.env.clipboard.readText();
  return text === '' ? undefined : (JSON.parse(text) as Snapshot);
}

function records(folder: string): Array<{ url: string; pid: number; script: string }> {
  return readdirSync(folder)
    .filter((file) => /^\d+\.json$/.test(file))
    .map((file) => JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as { url: string; pid: number; script: string });
}

function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

function portFileReader(file: string): () => string {
  return () => {
    try {
      return readFileSync(path.join(workspaceFolder().fsPath, file), 'utf8');
    } catch {
      return '';
    }
  };
}

/** The panel counts a connection to the program's own port, and its close. */
async function followsAConnection(url: string, portFile: string): Promise<void> {
  const port = Number(await until(portFileReader(portFile), (text) => text !== '', `the program's ${portFile}`));
  const client = net.connect(port, '127.0.0.1');
  try {
    await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject));
    await until(() => panelSnapshot(url), (snapshot) => snapshot?.activeConnections === 1, 'the panel to count the connection');
  } finally {
    client.end();
  }
  await until(() => panelSnapshot(url), (snapshot) => snapshot?.activeConnections === 0, 'the panel to see the connection closed');
}

describe('Start with Probe… on any program', () => {
  const terminals: vscode.Terminal[] = [];
  const urls: string[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('socketHygiene');

  before(async () => {
    await activateExtension();
    await config().update('pollIntervalMs', 250, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    for (const terminal of terminals.splice(0)) terminal.dispose();
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
    for (const url of urls.splice(0)) {
      await vscode.commands.executeCommand('socketHygiene.detach', url);
      await until(() => refused(url), Boolean, `${url} to stop answering`);
    }
  });

  after(async () => {
    await config().update('pollIntervalMs', undefined, vscode.ConfigurationTarget.Global);
  });

  it('runs a TypeScript program through the project’s own tsx; only the program serves, not tsx’s own process', async () => {
    // The workspace's node_modules holds tsx (linked from the repository's), as `npm i -D tsx` would.
    const repository = process.env.SOCKET_HYGIENE_REPO;
    assert.ok(repository, 'the harness passes SOCKET_HYGIENE_REPO');
    const modules = path.join(workspaceFolder().fsPath, 'node_modules');
    mkdirSync(path.join(modules, '.bin'), { recursive: true });
    symlinkSync(path.join(repository, 'node_modules', 'tsx'), path.join(modules, 'tsx'));
    symlinkSync('../tsx/dist/cli.mjs', path.join(modules, '.bin', 'tsx'));
    const script = await writeFile('ts-server.ts', server('ts-server.port', true));

    const launch = await vscode.commands.executeCommand<ProbeLaunch | undefined>('socketHygiene.startWithProbe', script);
    assert.ok(launch, 'the command started a program');
    terminals.push(launch.terminal);
    assert.equal(launch.outcome.kind, 'url', JSON.stringify(launch.outcome));
    const url = launch.outcome.kind === 'url' ? launch.outcome.url : '';
    urls.push(url);
    assert.equal(launch.commandLine, './node_modules/.bin/tsx ts-server.ts');
    assert.equal(launch.terminal.name, 'Probe: ts-server.ts');

    const snapshot = await until(() => panelSnapshot(url), (found) => found !== undefined, 'the panel to receive a report');
    assert.ok(launch.urlFolder);
    const [record, ...others] = records(launch.urlFolder);
    assert.deepEqual(others, [], 'one serving process');
    assert.equal(record?.pid, snapshot?.pid);
    assert.equal(record?.script, script.fsPath);
    await followsAConnection(url, 'ts-server.port');
  });

  it('runs an npm script with the probe in NODE_OPTIONS; the process that listens comes up, npm does not', async () => {
    await writeFile('npm-server.mjs', server('npm-server.port', false));
    await writeFile(
      'package.json',
      JSON.stringify({ name: 'probe-any-program', private: true, scripts: { dev: 'node -e "setTimeout(() => {}, 500)" && node npm-server.mjs' } }, null, 2),
    );
    const launch = await vscode.commands.executeCommand<ProbeLaunch | undefined>('socketHygiene.startWithProbe', { npmScript: 'dev' });
    assert.ok(launch, 'the command started the script');
    terminals.push(launch.terminal);
    assert.equal(launch.outcome.kind, 'url', JSON.stringify(launch.outcome));
    const url = launch.outcome.kind === 'url' ? launch.outcome.url : '';
    urls.push(url);
    assert.equal(launch.commandLine, 'npm run dev');
    assert.equal(launch.terminal.name, 'Probe: npm run dev');
    assert.ok(launch.urlFolder);
    const [record, ...others] = records(launch.urlFolder);
    assert.deepEqual(others, [], 'npm and the node -e step stay silent');
    assert.equal(record?.script, path.join(workspaceFolder().fsPath, 'npm-server.mjs'));
    const snapshot = await until(() => panelSnapshot(url), (found) => found !== undefined, 'the panel to receive a report');
    assert.equal(snapshot?.pid, record?.pid);
    await followsAConnection(url, 'npm-server.port');
  });

  it('"Debug with Probe…" debugs a program with the probe in its runtimeArgs and attaches the panel', async () => {
    const script = await writeFile('debug-server.mjs', server('debug-server.port', false));
    const launch = await vscode.commands.executeCommand<DebugProbeLaunch | undefined>('socketHygiene.debugWithProbe', script);
    assert.ok(launch, 'the command started a debug session');
    assert.equal(launch.outcome.kind, 'url', JSON.stringify(launch.outcome));
    const url = launch.outcome.kind === 'url' ? launch.outcome.url : '';
    urls.push(url);
    assert.equal(launch.configuration?.socketHygieneProbe, true);
    const [flag, register] = (launch.configuration?.runtimeArgs as string[] | undefined) ?? [];
    assert.equal(flag, '--require');
    assert.match(register ?? '', /dist\/probe\/register\.js$/);
    // Only the session's configuration got the probe: no launch.json was written.
    assert.equal(existsSync(path.join(workspaceFolder().fsPath, '.vscode', 'launch.json')), false);
    await followsAConnection(url, 'debug-server.port');
  });
});
