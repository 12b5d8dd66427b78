// Where each socket comes from: a server's listen() call in the program's own code (not in a
// package under node_modules), bounded label values in /metrics, and the CLOSE_WAIT method.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SocketRegistry } from '../src/socket-registry.js';
import { statusSnapshot, MAX_SOURCES } from '../src/status-snapshot.js';
import { closedClients } from './helpers/closed-clients.ts';
import { killAll, programsDir, startProbed, waitFor } from './helpers/probed-program.ts';

const open: net.Socket[] = [];
const scratch: string[] = [];
afterEach(async () => {
  for (const socket of open.splice(0)) socket.destroy();
  await killAll();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    open.push(socket);
  });
}

it("gives accepted sockets their server's listen() line, per source in /status and /metrics", async () => {
  const program = await startProbed('server.cjs');
  await connect(program.hello.port as number);
  await connect(program.hello.port as number);
  const status = await waitFor(() => program.status(), (s) => s.activeConnections === 2, { what: 'two connections' });
  const file = join(programsDir, 'server.cjs');
  const listenLine = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.startsWith('server.listen(')) + 1;
  const location = status.connections[0]!.source;
  expect(location).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${listenLine}:\\d+$`));
  expect(status.connections[1]!.source).toBe(location);
  expect(status.sources).toEqual([
    { location, kind: 'server', active: 2, retainedAfterClose: 0, withoutErrorListener: 0, idleOverTimeout: 0, closeWait: 0 },
  ]);
  const metrics = await program.metricsText();
  expect(metrics).toContain(`socket_hygiene_source_connections_active{location="${location}",kind="server"} 2`);
});

it('skips node_modules frames: a server a package creates is located at the program call into it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'probe-sources-'));
  scratch.push(dir);
  mkdirSync(join(dir, 'node_modules', 'tiny-echo'), { recursive: true });
  writeFileSync(
    join(dir, 'node_modules', 'tiny-echo', 'index.js'),
    "const net = require('node:net');\nexports.serve = (ready) => {\n  const server = net.createServer((s) => { s.on('error', () => {}); s.pipe(s); });\n  server.listen(0, '127.0.0.1', () => ready(server.address().port));\n};\n",
  );
  // and one created on a timer inside the package: no program frame at all
  writeFileSync(
    join(dir, 'node_modules', 'tiny-echo', 'later.js'),
    "const net = require('node:net');\nexports.serveLater = (ready) => setTimeout(() => {\n  const server = net.createServer((s) => { s.on('error', () => {}); s.pipe(s); });\n  server.listen(0, '127.0.0.1', () => ready(server.address().port));\n}, 1);\n",
  );
  writeFileSync(
    join(dir, 'app.js'),
    "const { serve } = require('tiny-echo');\nconst { serveLater } = require('tiny-echo/later.js');\nserve((port) => serveLater((later) => console.log(JSON.stringify({ port, later }))));\n",
  );
  const program = await startProbed(join(dir, 'app.js'));
  await connect(program.hello.port as number);
  await connect(program.hello.later as number);
  const status = await waitFor(() => program.status(), (s) => s.activeConnections === 2, { what: 'two connections' });
  const sources = status.connections.map((connection) => connection.source).sort();
  expect(sources).toEqual([`${join(dir, 'app.js')}:3:1`, null]);
  expect(status.sources).toHaveLength(1);
});

it('folds sources past the 50th into "other"', () => {
  const registry = new SocketRegistry();
  const sockets = Array.from({ length: MAX_SOURCES + 10 }, () => {
    const socket = new net.Socket();
    Object.defineProperty(socket, 'destroyed', { value: false }); // never connected: track() looks at destroyed only
    return socket;
  });
  sockets.forEach((socket, index) => registry.track(socket, 'opened', `/app/client-${index}.js:1:1`));
  const { sources } = statusSnapshot(registry);
  expect(sources).toHaveLength(MAX_SOURCES);
  expect(sources.at(-1)).toMatchObject({ location: 'other', kind: 'client', active: 11 });
  expect(sources.reduce((sum, source) => sum + source.active, 0)).toBe(MAX_SOURCES + 10);
  registry.clear();
});

it.runIf(process.platform === 'linux')('counts CLOSE_WAIT from socket state by default and from the kernel on ?closeWait=kernel', async () => {
  const program = await startProbed('server.cjs', ['half-open-leak']);
  await new Promise<void>((resolve) => {
    const socket = net.connect({ port: program.hello.port as number, host: '127.0.0.1', allowHalfOpen: true }, () => {
      socket.end();
      resolve();
    });
    open.push(socket);
  });
  const byState = await waitFor(() => program.status(), (s) => s.closeWait === 1, { what: 'closeWait 1' });
  expect(byState.closeWaitMethod).toBe('socket-state');
  expect(byState.sources![0]!.closeWait).toBe(1);
  const response = await fetch(`${program.url}?closeWait=kernel`);
  const byKernel = (await response.json()) as { closeWait: number; closeWaitMethod: string };
  expect(byKernel).toMatchObject({ closeWait: 1, closeWaitMethod: 'kernel' });
  await closedClients(program.hello.port as number, 0);
});
