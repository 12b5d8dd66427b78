// Missing 'error' listeners: an 'error' nobody listens for is thrown, so the leaky fixture dies
// with "Unhandled 'error' event"; its fixed twin logs the error and keeps serving.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnFixture, startFixture, stopAllFixtures, waitForOutput, type FixtureProcess } from './support/fixture-process.js';
import { loadFixture } from './support/load.js';
import { waitForStatus } from './support/status.js';

const CONNECTIONS = 20;
const servers = new Set<net.Server>();
const accepted = new Set<net.Socket>();

afterEach(async () => {
  await stopAllFixtures();
  for (const socket of accepted) socket.destroy();
  await Promise.all(
    [...servers].map((server) => {
      servers.delete(server);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

/** A loopback server for the tests, on an ephemeral port. */
async function listen(onSocket: (socket: net.Socket) => void): Promise<net.Server> {
  const server = net.createServer((socket) => {
    accepted.add(socket);
    socket.on('close', () => accepted.delete(socket));
    socket.on('error', () => {});
    onSocket(socket);
  });
  server.on('error', (error) => console.error(`test server: ${error.message}`));
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function portOf(server: net.Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
}

/** An upstream that resets every connection as soon as the client says something. */
function resettingUpstream(): Promise<net.Server> {
  return listen((socket) => socket.once('data', () => socket.resetAndDestroy()));
}

/** A port nothing listens on: taken from a server that is then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectDiedOfUnhandledError(fixture: FixtureProcess, code: RegExp): Promise<void> {
  const exit = await Promise.race([
    fixture.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${fixture.name} did not die:\n${fixture.stderr()}`)), 10_000)),
  ]);
  expect(exit.code).not.toBe(0);
  expect(exit.code).not.toBeNull();
  expect(fixture.stderr()).toContain("Unhandled 'error' event");
  expect(fixture.stderr()).toMatch(code);
}

function expectAlive(fixture: FixtureProcess): void {
  expect(fixture.child.exitCode, `${fixture.name} exited:\n${fixture.stderr()}`).toBeNull();
  expect(fixture.child.signalCode).toBeNull();
}

describe("a missing 'error' listener", () => {
  it('on the sockets of a server: one client reset kills the leaky process; the clean twin survives and keeps serving', async () => {
    const [leaky, clean] = await Promise.all([
      startFixture('socket-without-error-listener/leaky.js'),
      startFixture('socket-without-error-listener/clean.js'),
    ]);
    const load = { connections: CONNECTIONS, mode: 'reset' as const };
    const [, cleanLoad] = await Promise.all([loadFixture(leaky, load), loadFixture(clean, load)]);
    expect(cleanLoad.reset).toBe(CONNECTIONS);

    await expectDiedOfUnhandledError(leaky, /ECONNRESET/);

    await waitForStatus(clean.statusUrl, (s) => s.openSockets === 0 && s.activeConnections === 0, 'the clean twin to close every reset socket');
    await waitForOutput(clean, 'stderr', /ECONNRESET/);
    const again = await loadFixture(clean, { connections: CONNECTIONS, mode: 'fin' });
    expect(again.endedWithFin).toBe(CONNECTIONS);
    expectAlive(clean);
  });

  it('on a client connection the upstream resets: the leaky client dies; the clean twin reconnects', async () => {
    const upstream = await resettingUpstream();
    const env = { UPSTREAM_PORT: String(portOf(upstream)), HEARTBEAT_MS: '50', RECONNECT_MAX_MS: '200' };
    const [leaky, clean] = await Promise.all([
      spawnFixture('client-without-error-listener/leaky.mjs', env),
      startFixture('client-without-error-listener/clean.mjs', env),
    ]);
    await expectDiedOfUnhandledError(leaky, /ECONNRESET|EPIPE/);

    const status = await waitForStatus(clean.statusUrl, (s) => Number(s.reconnects) >= 3, 'the clean client to reconnect after resets');
    expect(status.connections.length).toBeLessThanOrEqual(1);
    await waitForOutput(clean, 'stderr', /ECONNRESET|EPIPE/);
    expectAlive(clean);
  });

  it('on a client connection that is refused: the leaky client dies; the clean twin keeps retrying', async () => {
    const env = { UPSTREAM_PORT: String(await closedPort()), HEARTBEAT_MS: '50', RECONNECT_MAX_MS: '200' };
    const [leaky, clean] = await Promise.all([
      spawnFixture('client-without-error-listener/leaky.mjs', env),
      startFixture('client-without-error-listener/clean.mjs', env),
    ]);
    await expectDiedOfUnhandledError(leaky, /ECONNREFUSED/);

    await waitForStatus(clean.statusUrl, (s) => Number(s.failedAttempts) >= 3, 'the clean client to retry');
    await waitForOutput(clean, 'stderr', /ECONNREFUSED/);
    expectAlive(clean);
  });

  it('on a server whose port is taken: the leaky server dies of EADDRINUSE; the clean twin falls back to a free port', async () => {
    const blocker = await listen(() => {});
    const env = { PORT: String(portOf(blocker)) };
    const [leaky, clean] = await Promise.all([
      spawnFixture('server-without-error-listener/leaky.cjs', env),
      startFixture('server-without-error-listener/clean.cjs', env),
    ]);
    await expectDiedOfUnhandledError(leaky, /EADDRINUSE/);

    await waitForOutput(clean, 'stderr', /EADDRINUSE/);
    expect(clean.port).not.toBe(portOf(blocker));
    const summary = await loadFixture(clean, { connections: CONNECTIONS, mode: 'reset' });
    expect(summary.reset).toBe(CONNECTIONS);
    await waitForStatus(clean.statusUrl, (s) => s.openSockets === 0 && s.activeConnections === 0, 'the clean twin to close every reset socket');
    expectAlive(clean);
  });

  it('on the sockets of the tutorial server: a client reset kills it too', async () => {
    const leaky = await startFixture('server-without-error-listener/leaky.cjs');
    await loadFixture(leaky, { connections: CONNECTIONS, mode: 'reset' });
    await expectDiedOfUnhandledError(leaky, /ECONNRESET/);
  });

  it('the status endpoint reports sockets without an error listener before the crash', async () => {
    const leaky = await startFixture('socket-without-error-listener/leaky.js');
    const abort = new AbortController();
    const pending = loadFixture(leaky, { connections: 5, mode: 'idle', holdMs: 10_000, signal: abort.signal });
    const status = await waitForStatus(leaky.statusUrl, (s) => s.activeConnections === 5, 'five tracked sockets');
    expect(status.withoutErrorListener).toBe(5);
    expect(status.connections.every((c) => c.hasErrorListener === false)).toBe(true);
    abort.abort();
    expect((await pending).aborted).toBe(true);
  });
});
