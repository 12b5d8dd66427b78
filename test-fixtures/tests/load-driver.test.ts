// The load driver on its own, against plain servers of the test: each ending, its bounds, its CLI.
import { execFile } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_CONNECTIONS, loopbackHost, runLoad } from '../load/driver.mjs';

const driverPath = fileURLToPath(new URL('../load/driver.mjs', import.meta.url));
const servers = new Set<net.Server>();

afterEach(async () => {
  await Promise.all(
    [...servers].map((server) => {
      servers.delete(server);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

interface Observed {
  port: number;
  resets: number;
  fins: number;
  accepted: number;
  open: Set<net.Socket>;
}

/** An echo server that counts how its connections end; `idleMs` > 0 closes idle ones after that long. */
async function observingServer(idleMs = 0): Promise<Observed> {
  const observed: Observed = { port: 0, resets: 0, fins: 0, accepted: 0, open: new Set() };
  const server = net.createServer((socket) => {
    observed.accepted += 1;
    observed.open.add(socket);
    socket.on('close', () => observed.open.delete(socket));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') observed.resets += 1;
    });
    socket.on('end', () => (observed.fins += 1));
    socket.on('data', (chunk) => socket.write(chunk));
    if (idleMs > 0) {
      socket.setTimeout(idleMs, () => socket.destroy());
    }
  });
  server.on('error', (error) => console.error(`test server: ${error.message}`));
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  observed.port = address.port;
  return observed;
}

async function untilAllClosed(observed: Observed): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (observed.open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(observed.open.size).toBe(0);
}

describe('load driver', () => {
  it('fin: ends every connection with a FIN after writing its payload', async () => {
    const observed = await observingServer();
    const summary = await runLoad({ port: observed.port, connections: 15, mode: 'fin' });
    expect(summary).toMatchObject({ opened: 15, failedToOpen: 0, endedWithFin: 15, reset: 0, timedOut: false });
    await untilAllClosed(observed);
    expect(observed.fins).toBe(15);
    expect(observed.resets).toBe(0);
  });

  it('reset: ends every connection with a RST, which the server sees as ECONNRESET', async () => {
    const observed = await observingServer();
    const summary = await runLoad({
      port: observed.port,
      connections: 15,
      mode: 'reset',
      beforeEnding: async () => {
        while (observed.accepted < 15) await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    expect(summary).toMatchObject({ opened: 15, reset: 15, endedWithFin: 0 });
    await untilAllClosed(observed);
    expect(observed.resets).toBe(15);
  });

  it('idle: waits for the server to close each connection', async () => {
    const observed = await observingServer(100);
    const summary = await runLoad({ port: observed.port, connections: 15, mode: 'idle', holdMs: 5_000 });
    expect(summary).toMatchObject({ opened: 15, closedByServer: 15, heldToLimit: 0, timedOut: false });
    expect(summary.ms).toBeLessThan(5_000);
  });

  it('idle: gives up after --hold-ms on a server that never closes, and stops at the deadline', async () => {
    const observed = await observingServer();
    const held = await runLoad({ port: observed.port, connections: 5, mode: 'idle', holdMs: 150 });
    expect(held).toMatchObject({ heldToLimit: 5, closedByServer: 0, timedOut: false });

    const cut = await runLoad({ port: observed.port, connections: 5, mode: 'idle', holdMs: 60_000, deadlineMs: 200 });
    expect(cut.timedOut).toBe(true);
    expect(cut.ms).toBeLessThan(3_000);
    await untilAllClosed(observed);
  });

  it('mixed: a third each of FIN, reset and idle', async () => {
    const observed = await observingServer(100);
    const summary = await runLoad({ port: observed.port, connections: 30, mode: 'mixed', holdMs: 5_000 });
    expect(summary).toMatchObject({ opened: 30, endedWithFin: 10, reset: 10, closedByServer: 10 });
  });

  it('counts connections that could not open', async () => {
    const observed = await observingServer();
    const port = observed.port;
    const [server] = servers;
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    servers.clear();
    const summary = await runLoad({ port, connections: 3, mode: 'fin' });
    expect(summary).toMatchObject({ opened: 0, failedToOpen: 3, errors: { ECONNREFUSED: 3 } });
  });

  it('stops at once when aborted', async () => {
    const observed = await observingServer();
    const abort = new AbortController();
    const pending = runLoad({ port: observed.port, connections: 5, mode: 'idle', holdMs: 60_000, signal: abort.signal });
    while (observed.accepted < 5) await new Promise((resolve) => setTimeout(resolve, 5));
    abort.abort();
    expect(await pending).toMatchObject({ aborted: true, opened: 5 });
    await untilAllClosed(observed);
  });

  it('refuses hosts that are not loopback, too many connections and unknown modes', async () => {
    expect(loopbackHost('localhost')).toBe('127.0.0.1');
    expect(loopbackHost('127.0.0.2')).toBe('127.0.0.2');
    expect(loopbackHost('::1')).toBe('::1');
    for (const host of ['10.0.0.1', '0.0.0.0', 'example.com', '::']) expect(() => loopbackHost(host)).toThrow(/loopback/);
    await expect(runLoad({ port: 9, host: '192.168.1.1' })).rejects.toThrow(/loopback/);
    await expect(runLoad({ port: 9, connections: MAX_CONNECTIONS + 1 })).rejects.toThrow(/connections/);
    // @ts-expect-error: an unknown mode is refused at run time too
    await expect(runLoad({ port: 9, mode: 'slow' })).rejects.toThrow(/mode/);
  });

  it('runs from the command line and prints a one-line JSON summary', async () => {
    const observed = await observingServer();
    const { stdout } = await promisify(execFile)(process.execPath, [driverPath, '--port', String(observed.port), '--connections', '4', '--mode', 'fin']);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ mode: 'fin', opened: 4, endedWithFin: 4 });

    const refused = promisify(execFile)(process.execPath, [driverPath, '--port', '80', '--host', '8.8.8.8']);
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/loopback/) });
  });
});
