// An HTTP client request with a timeout option and no 'timeout' or 'error' listener: against a hung
// upstream the leaky checker's request stays open past its timeout and no further check runs; a
// reset then kills the process. The fixed twin destroys timed-out requests and keeps checking.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnFixture, startFixture, stopAllFixtures, waitForOutput, type FixtureProcess } from './support/fixture-process.js';
import { fetchStatus, waitForStatus } from './support/status.js';

const REQUEST_TIMEOUT_MS = 300;
const held = new Set<net.Socket>();
let upstream: net.Server | undefined;

afterEach(async () => {
  await stopAllFixtures();
  for (const socket of held) socket.destroy();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  upstream = undefined;
});

/** An upstream that accepts, reads the request and never answers. */
async function hungUpstream(): Promise<number> {
  const server = net.createServer((socket) => {
    held.add(socket);
    socket.on('close', () => held.delete(socket));
    socket.on('error', () => {});
    socket.resume();
  });
  server.on('error', (error) => console.error(`hung upstream: ${error.message}`));
  upstream = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return address.port;
}

function checksOf(fixture: FixtureProcess): Promise<number> {
  return fetchStatus(fixture.statusUrl).then((status) => Number(status.checks));
}

describe('an http client request without timeout and error handling', () => {
  it('hangs past its timeout and dies on a reset; the clean twin destroys timed-out requests and carries on', async () => {
    const env = { UPSTREAM_PORT: String(await hungUpstream()), REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), CHECK_EVERY_MS: '50' };
    const [leaky, clean] = await Promise.all([
      startFixture('http-request-without-handlers/leaky.ts', env),
      startFixture('http-request-without-handlers/clean.ts', env),
    ]);

    // Two more failures of the clean twin, counted from now, take at least two request timeouts:
    // the leaky checker, already running, has by then been waiting longer than its own timeout.
    const failuresBefore = Number((await fetchStatus(clean.statusUrl)).failures);
    const cleanStatus = await waitForStatus(clean.statusUrl, (s) => Number(s.failures) >= failuresBefore + 2, 'the clean checker to time out twice more');
    expect(cleanStatus.connections.length).toBeLessThanOrEqual(1);
    await waitForOutput(clean, 'stderr', new RegExp(`no answer within ${REQUEST_TIMEOUT_MS} ms`));

    const leakyStatus = await fetchStatus(leaky.statusUrl);
    expect(await checksOf(leaky)).toBe(1);
    expect(leakyStatus.activeConnections).toBe(1);
    expect(leakyStatus.connections[0]).toMatchObject({ state: 'open', timeoutMs: REQUEST_TIMEOUT_MS });
    expect(leakyStatus.connections[0]?.bytesWritten).toBeGreaterThan(0);

    for (const socket of held) socket.resetAndDestroy();
    const exit = await leaky.exited;
    expect(exit.code).not.toBe(0);
    expect(leaky.stderr()).toContain("Unhandled 'error' event");
    expect(leaky.stderr()).toMatch(/ECONNRESET/);

    const checksBefore = await checksOf(clean);
    await waitForStatus(clean.statusUrl, (s) => Number(s.checks) > checksBefore, 'the clean checker to keep checking after the reset');
    expect(clean.child.exitCode).toBeNull();
  });

  it('the leaky checker dies at once when the upstream is down', async () => {
    const server = net.createServer();
    server.on('error', () => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const port = address !== null && typeof address === 'object' ? address.port : 0;
    const leaky = await spawnFixture('http-request-without-handlers/leaky.ts', { UPSTREAM_PORT: String(port) });
    const exit = await leaky.exited;
    expect(exit.code).not.toBe(0);
    expect(leaky.stderr()).toMatch(/ECONNREFUSED/);
  });
});
