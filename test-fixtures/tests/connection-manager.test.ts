// The correct connection manager (TypeScript) under every ending: it always returns to zero, closes
// silent and idle clients, destroys peers that never answer its FIN, and shuts down on SIGTERM.
import { afterEach, describe, expect, it } from 'vitest';
import { runLoad } from '../load/driver.mjs';
import { startFixture, stopAllFixtures, waitForOutput, type FixtureProcess } from './support/fixture-process.js';
import { loadFixture } from './support/load.js';
import { waitForStatus } from './support/status.js';

const SOURCE = 'connection-manager/clean.ts';

afterEach(stopAllFixtures);

function startManager(env: { IDLE_TIMEOUT_MS: number; FIRST_DATA_TIMEOUT_MS: number; CLOSE_GRACE_MS: number }) {
  return startFixture(SOURCE, Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)])));
}

function backToZero(manager: FixtureProcess) {
  return waitForStatus(manager.statusUrl, (s) => s.openSockets === 0 && s.activeConnections === 0, 'the manager to track and hold nothing');
}

describe('connection manager', () => {
  it('returns to 0 under a mix of FIN, reset and idle clients, closing the idle ones on its idle timeout', async () => {
    const manager = await startManager({ IDLE_TIMEOUT_MS: 300, FIRST_DATA_TIMEOUT_MS: 5_000, CLOSE_GRACE_MS: 1_000 });
    const summary = await loadFixture(manager, { connections: 21, mode: 'mixed', holdMs: 10_000 });
    expect(summary).toMatchObject({ opened: 21, endedWithFin: 7, reset: 7, closedByServer: 7, heldToLimit: 0 });
    await backToZero(manager);
    await waitForOutput(manager, 'stdout', /^closing #\d+: idle for 300 ms$/, 7);
    expect(manager.countLines(/^closing #\d+: idle for 300 ms$/)).toBe(7);
  });

  it('reports id, age and idle time for each connection', async () => {
    const manager = await startManager({ IDLE_TIMEOUT_MS: 10_000, FIRST_DATA_TIMEOUT_MS: 5_000, CLOSE_GRACE_MS: 1_000 });
    const abort = new AbortController();
    const pending = loadFixture(manager, { connections: 3, mode: 'idle', holdMs: 10_000, signal: abort.signal });
    const status = await waitForStatus(manager.statusUrl, (s) => s.activeConnections === 3 && s.connections.every((c) => c.bytesRead > 0), 'three connections that sent data');
    expect(status.connections.map((c) => c.id)).toEqual([1, 2, 3]);
    for (const connection of status.connections) {
      expect(connection.ageMs).toBeGreaterThanOrEqual(connection.idleMs ?? Infinity);
      expect(connection).toMatchObject({ state: 'open', hasErrorListener: true, timeoutMs: 10_000 });
    }
    abort.abort();
    await pending;
    await backToZero(manager);
  });

  it('closes clients that send nothing within the first-data timeout', async () => {
    const manager = await startManager({ IDLE_TIMEOUT_MS: 10_000, FIRST_DATA_TIMEOUT_MS: 200, CLOSE_GRACE_MS: 1_000 });
    const summary = await loadFixture(manager, { connections: 10, mode: 'idle', payload: '', holdMs: 10_000 });
    expect(summary.closedByServer).toBe(10);
    await waitForOutput(manager, 'stdout', /^closing #\d+: no data within 200 ms$/, 10);
    await backToZero(manager);
  });

  it('destroys peers that never answer its FIN once the grace period is over', async () => {
    const manager = await startManager({ IDLE_TIMEOUT_MS: 200, FIRST_DATA_TIMEOUT_MS: 5_000, CLOSE_GRACE_MS: 1_500 });
    const abort = new AbortController();
    // Half-open clients play dead: they take the server's FIN and never send their own.
    const pending = loadFixture(manager, { connections: 10, mode: 'idle', halfOpen: true, holdMs: 20_000, signal: abort.signal });
    await waitForStatus(manager.statusUrl, (s) => s.connections.some((c) => c.state === 'half-closed'), 'a connection ended by the manager and not yet closed');
    await waitForOutput(manager, 'stdout', /^destroying #\d+: no FIN within 1500 ms$/, 10);
    await backToZero(manager);
    abort.abort();
    const summary = await pending;
    expect(summary.closedByServer).toBe(10);
  });

  it('shuts down gracefully on SIGTERM: ends every connection, then exits 0', async () => {
    const manager = await startManager({ IDLE_TIMEOUT_MS: 30_000, FIRST_DATA_TIMEOUT_MS: 5_000, CLOSE_GRACE_MS: 1_000 });
    let allOpen = (): void => {};
    const opened = new Promise<void>((resolve) => (allOpen = resolve));
    const pending = runLoad({ port: manager.port, connections: 10, mode: 'idle', holdMs: 20_000, beforeEnding: async () => allOpen() });
    await opened;
    await waitForStatus(manager.statusUrl, (s) => s.activeConnections === 10, 'ten connections');
    manager.child.kill('SIGTERM');
    const exit = await manager.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(manager.stdout()).toContain('SIGTERM: closing 10 connections');
    expect(manager.stdout()).toContain('shutdown complete');
    const summary = await pending;
    expect(summary.closedByServer).toBe(10);
  });

  it('keeps serving load after load, back to 0 each time', async () => {
    const manager = await startManager({ IDLE_TIMEOUT_MS: 300, FIRST_DATA_TIMEOUT_MS: 5_000, CLOSE_GRACE_MS: 1_000 });
    for (const mode of ['reset', 'fin'] as const) {
      const summary = await runLoad({ port: manager.port, connections: 10, mode });
      expect(summary.opened).toBe(10);
    }
    await backToZero(manager);
  });
});
