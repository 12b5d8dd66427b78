// Timeouts that do not end the socket: the leaky fixture's idle sockets stay open past the timeout
// (zombies holding a file descriptor), while the fixed twin closes them. Both run side by side
// under the same idle load, so the clean twin's closing is the clock for the leaky one.
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../load/driver.mjs';
import { startFixture, stopAllFixtures, waitForOutput, type FixtureProcess } from './support/fixture-process.js';
import { fetchStatus, waitForStatus } from './support/status.js';

const CONNECTIONS = 20;
const IDLE_TIMEOUT_MS = 300;
// The idle clients would wait this long for a leaky server; the test aborts them well before.
const HOLD_MS = 20_000;
// A slowloris client: half an HTTP request, then silence.
const HALF_REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n';

afterEach(stopAllFixtures);

async function startPair(leakySource: string, cleanSource: string): Promise<[FixtureProcess, FixtureProcess]> {
  const env = { IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS) };
  return Promise.all([startFixture(leakySource, env), startFixture(cleanSource, env)]);
}

function idleLoad(fixture: FixtureProcess, payload: string, signal?: AbortSignal) {
  return runLoad({
    port: fixture.port,
    connections: CONNECTIONS,
    mode: 'idle',
    holdMs: HOLD_MS,
    payload,
    ...(signal ? { signal } : {}),
    beforeEnding: () =>
      waitForStatus(fixture.statusUrl, (s) => s.openSockets === CONNECTIONS, `${fixture.name} to accept every connection`),
  });
}

/** The clean twin closes every idle connection on its timeout and tracks nothing afterwards. */
async function expectCleanTwinClosesIdleSockets(clean: FixtureProcess, summary: Awaited<ReturnType<typeof runLoad>>) {
  expect(summary.closedByServer).toBe(CONNECTIONS);
  expect(summary.heldToLimit).toBe(0);
  await waitForStatus(clean.statusUrl, (s) => s.openSockets === 0 && s.activeConnections === 0, `${clean.name} to close every idle socket`);
}

/** The leaky fixture still has every socket open and tracked, all with the timeout set. */
async function expectZombies(leaky: FixtureProcess) {
  const status = await fetchStatus(leaky.statusUrl);
  expect(status.openSockets).toBe(CONNECTIONS);
  expect(status.activeConnections).toBe(CONNECTIONS);
  expect(status.connections.every((c) => c.state === 'open' && c.timeoutMs === IDLE_TIMEOUT_MS)).toBe(true);
}

async function releaseAndDrain(leaky: FixtureProcess, abort: AbortController, pending: ReturnType<typeof runLoad>) {
  abort.abort();
  const summary = await pending;
  expect(summary.aborted).toBe(true);
  expect(summary.closedByServer).toBe(0);
  // Only the clients going away closes the zombies.
  await waitForStatus(leaky.statusUrl, (s) => s.openSockets === 0, `${leaky.name} to close once the clients left`);
}

describe('timeouts that never end the socket', () => {
  it("a 'timeout' handler that only logs leaves zombies; the twin that destroys closes them", async () => {
    const [leaky, clean] = await startPair('timeout-logs-only/leaky.mjs', 'timeout-logs-only/clean.mjs');
    const abort = new AbortController();
    const leakyLoad = idleLoad(leaky, 'hello\n', abort.signal);
    await expectCleanTwinClosesIdleSockets(clean, await idleLoad(clean, 'hello\n'));

    // Every socket's 'timeout' has fired (the handler logged it), and every socket is still open.
    await waitForOutput(leaky, 'stdout', /^timeout: /, CONNECTIONS);
    await expectZombies(leaky);
    await releaseAndDrain(leaky, abort, leakyLoad);
  });

  it('setTimeout(ms) with no handler never closes anything; the twin with a handler does', async () => {
    const [leaky, clean] = await startPair('timeout-no-handler/leaky.js', 'timeout-no-handler/clean.js');
    const abort = new AbortController();
    const leakyLoad = idleLoad(leaky, 'hello\n', abort.signal);
    await expectCleanTwinClosesIdleSockets(clean, await idleLoad(clean, 'hello\n'));

    // Nothing observable fires in the leaky one, so watch it for two more timeouts after the
    // twin, started at the same moment, has closed everything.
    const watchUntil = Date.now() + 2 * IDLE_TIMEOUT_MS;
    while (Date.now() < watchUntil) {
      await expectZombies(leaky);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await releaseAndDrain(leaky, abort, leakyLoad);
  });

  it("an http server 'timeout' listener that never destroys keeps slowloris sockets; the twin destroys them", async () => {
    const [leaky, clean] = await startPair('http-timeout-never-destroys/leaky.mts', 'http-timeout-never-destroys/clean.mts');
    const abort = new AbortController();
    const leakyLoad = idleLoad(leaky, HALF_REQUEST, abort.signal);
    await expectCleanTwinClosesIdleSockets(clean, await idleLoad(clean, HALF_REQUEST));

    await waitForOutput(leaky, 'stdout', /^timeout: /, CONNECTIONS);
    await expectZombies(leaky);
    await releaseAndDrain(leaky, abort, leakyLoad);
  });
});
