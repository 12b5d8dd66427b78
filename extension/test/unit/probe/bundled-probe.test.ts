// The whole launch without VS Code: the probe bundled as the .vsix ships it (built here into a temp folder
// with the build's own options, far from any node_modules), the command line the extension types, run by
// a real bash in a folder whose name needs quoting, the URL file waited for, and the status and metrics
// of a real server that follow a real connection on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeCommandLine } from '../../../src/probe/probe-command-line.js';
import { freshUrlFile, type UrlFile } from '../../../src/probe/url-file.js';
import { waitForUrlFile } from '../../../src/probe/wait-for-url.js';

const repoRoot = path.resolve(__dirname, '../../../..');

interface Status {
  pid: number;
  activeConnections: number;
  connections: Array<{ remote: string; hasErrorListener?: boolean; state?: string }>;
}

// Echoes; prints its port; starts one child node process, which must not get the probe.
const SERVER = `
const net = require('node:net');
const { spawnSync } = require('node:child_process');
const server = net.createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => socket.write(chunk));
});
server.listen(0, '127.0.0.1', () => {
  spawnSync(process.execPath, ['-e', ''], { stdio: 'inherit' });
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n');
});
`;

let scratch: string;
let registerPath: string;
let program: ChildProcess | undefined;
let urlFile: UrlFile | undefined;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'bundled-probe-test-'));
  registerPath = path.join(scratch, "extension's dist", 'probe', 'register.js');
  const { probeBundle } = (await import(pathToFileURL(path.join(repoRoot, 'scripts/probe-bundle.mjs')).href)) as {
    probeBundle: (common: BuildOptions, production: boolean) => BuildOptions;
  };
  const esbuild = await import('esbuild');
  await esbuild.build({ ...probeBundle({ absWorkingDir: repoRoot, logLevel: 'silent' }, true), outfile: registerPath });
});

afterAll(async () => {
  if (program?.pid !== undefined && program.exitCode === null && program.signalCode === null) {
    const exited = new Promise((resolve) => program?.once('exit', resolve));
    process.kill(-program.pid, 'SIGKILL'); // bash and the node it runs
    await exited;
  }
  await urlFile?.remove();
  rmSync(scratch, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the bundled probe under the command line the extension types', () => {
  it('is one self-contained CommonJS file', () => {
    const bytes = statSync(registerPath).size;
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThan(400_000);
  });

  it('names its URL in the URL file, and its status follows a connection', async () => {
    const cwd = path.join(scratch, "it's a $HOME `dir`");
    mkdirSync(cwd);
    writeFileSync(path.join(cwd, 'server.js'), SERVER);
    urlFile = await freshUrlFile(scratch);
    const line = probeCommandLine({ registerPath, script: path.join(cwd, 'server.js'), cwd, shell: 'posix' });
    expect(line).toMatch(/^node --require '.*register\.js' server\.js$/);

    program = spawn('bash', ['-c', line], {
      cwd,
      env: { ...process.env, SOCKET_HYGIENE_URL_FILE: urlFile.file },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    program.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    program.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const exited = new Promise<string>((resolve) => program!.once('exit', (code) => resolve(`exited with ${code}: ${stderr}`)));

    const outcome = await waitForUrlFile(urlFile.file, { timeoutMs: 15_000, pollMs: 250, exited });
    expect(outcome.kind, JSON.stringify(outcome)).toBe('url');
    const url = outcome.kind === 'url' ? outcome.url : '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status$/);

    const { port } = JSON.parse(await until(() => Promise.resolve(stdout), (text) => text.includes('\n'), 'the port line')) as { port: number };
    // One probe: the program's own child process did not get --require.
    expect(stderr.match(/socket-hygiene probe: /g)).toEqual(['socket-hygiene probe: ']);
    expect(stderr).toContain(`socket-hygiene probe: ${url}`);

    const status = async (): Promise<Status> => (await fetch(url)).json() as Promise<Status>;
    expect((await status()).activeConnections).toBe(0);

    const client = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => client.once('connect', resolve).once('error', reject));
    const open = await until(status, (report) => report.activeConnections === 1, 'one connection');
    expect(open.connections[0]).toMatchObject({ remote: `127.0.0.1:${client.localPort}`, hasErrorListener: true, state: 'open' });

    client.end();
    await until(status, (report) => report.activeConnections === 0, 'the connection to be forgotten');

    // prom-client is inside the bundle: nothing was there to be found beside it.
    const metrics = await (await fetch(url.replace(/\/status$/, '/metrics'))).text();
    expect(metrics).toMatch(/^socket_hygiene_connections_active 0$/m);
    expect(metrics).toMatch(/^socket_hygiene_connections_accepted_total 1$/m);
  });
});
