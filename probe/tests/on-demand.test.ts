// SOCKET_HYGIENE_ON_DEMAND=1 with the probe in NODE_OPTIONS, as the editor runs an npm script: every Node
// process loads the probe, only those with a TCP server or socket of their own serve, and each of those
// writes <pid>.json into SOCKET_HYGIENE_URL_DIR. Real processes, a real `npm run`, loopback only.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { probeDir, programsDir, waitFor } from './helpers/probed-program.ts';

const register = join(probeDir, 'src/register.cjs');
const children: ChildProcess[] = [];
const scratches: string[] = [];

afterEach(() => {
  // Each runs in a process group of its own, so npm's shell and script die with it.
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group has ended already
    }
  }
  for (const scratch of scratches.splice(0)) rmSync(scratch, { recursive: true, force: true });
});

function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'probe-on-demand-'));
  scratches.push(folder);
  return folder;
}

/** Runs `command` with the probe in NODE_OPTIONS, on demand; resolves with its exit and output. */
function run(command: string, args: string[], urlDir: string, cwd?: string) {
  const child = spawn(command, args, {
    cwd,
    env: {
      ...process.env,
      NODE_OPTIONS: `--require "${register}"`,
      SOCKET_HYGIENE_ON_DEMAND: '1',
      SOCKET_HYGIENE_URL_DIR: urlDir,
      SOCKET_HYGIENE_URL_FILE: '',
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

function records(urlDir: string): Array<{ url: string; pid: number; script: string }> {
  return readdirSync(urlDir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(urlDir, file), 'utf8')) as { url: string; pid: number; script: string });
}

it('a process with no server or socket of its own stays silent', async () => {
  const urlDir = scratch();
  // Longer than a few of the probe's handle checks; a child-process pipe is no socket of its own.
  const program = run(process.execPath, ['-e', "require('node:child_process').execFileSync(process.execPath, ['-e', '1']); setTimeout(() => {}, 1500)"], urlDir);
  expect(await program.exited).toBe(0);
  expect(program.output()).not.toContain('socket-hygiene probe');
  expect(readdirSync(urlDir)).toEqual([]);
});

it('a server serves from the moment it listens and names itself in <pid>.json', async () => {
  const urlDir = scratch();
  const program = run(process.execPath, [join(programsDir, 'server.cjs')], urlDir);
  const [record] = await waitFor(() => records(urlDir), (found) => found.length === 1, { what: 'the URL record' });
  expect(record).toMatchObject({ pid: program.child.pid, script: join(programsDir, 'server.cjs') });
  const port = Number(/"port":(\d+)/.exec(await waitFor(program.output, (text) => /"port":\d+/.test(text), { what: 'the port' }))?.[1]);
  const client = net.connect(port, '127.0.0.1');
  client.on('error', () => {});
  const status = await waitFor(
    async () => (await (await fetch(record!.url)).json()) as { pid: number; activeConnections: number },
    (body) => body.activeConnections === 1,
    { what: 'the connection counted' },
  );
  expect(status.pid).toBe(program.child.pid);
  client.destroy();
});

it('under `npm run`, only the script process that listens serves; npm and the silent step do not', async () => {
  const urlDir = scratch();
  const project = scratch();
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'on-demand-fixture',
      private: true,
      scripts: { dev: `node -e "setTimeout(() => {}, 600)" && node "${join(programsDir, 'server.cjs')}"` },
    }),
  );
  const npm = run('npm', ['run', '--silent', 'dev'], urlDir, project);
  const [record] = await waitFor(() => records(urlDir), (found) => found.length === 1, { timeoutMs: 20_000, what: 'the server to serve' });
  expect(record?.script).toBe(join(programsDir, 'server.cjs'));
  expect(record?.pid).not.toBe(npm.child.pid);
  const body = (await (await fetch(record!.url)).json()) as { pid: number };
  expect(body.pid).toBe(record?.pid);
  // The probe's stderr line comes from the server alone.
  expect(npm.output().match(/socket-hygiene probe: /g)).toHaveLength(1);
  expect(records(urlDir)).toHaveLength(1);
}, 30_000);
