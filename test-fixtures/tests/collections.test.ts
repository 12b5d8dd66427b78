// Sockets kept in a collection: the leaky fixture keeps an entry for every closed socket, its
// fixed twin returns to zero. Both run side by side under the same load.
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadMode } from '../load/driver.mjs';
import { startFixture, stopAllFixtures, type FixtureProcess } from './support/fixture-process.js';
import { loadFixture } from './support/load.js';
import { waitForStatus, type Status } from './support/status.js';

const CONNECTIONS = 20;

afterEach(stopAllFixtures);

function allClosed(fixture: FixtureProcess): Promise<Status> {
  return waitForStatus(fixture.statusUrl, (status) => status.openSockets === 0, `${fixture.name} to close every socket`);
}

const pairs: { topic: string; leaky: string; clean: string; mode: LoadMode }[] = [
  { topic: 'Set, never removed', leaky: 'set-no-removal/leaky.js', clean: 'set-no-removal/clean.js', mode: 'fin' },
  { topic: 'Map, removed only on end', leaky: 'map-end-only/leaky.mjs', clean: 'map-end-only/clean.mjs', mode: 'reset' },
  { topic: 'array, never removed (TS)', leaky: 'array-no-removal/leaky.ts', clean: 'array-no-removal/clean.ts', mode: 'mixed' },
  { topic: 'object, removed only on end', leaky: 'object-end-only/leaky.cjs', clean: 'object-end-only/clean.cjs', mode: 'reset' },
];

describe('sockets kept in a collection', () => {
  it.each(pairs)('$topic: the leaky one keeps every closed socket, the clean twin returns to 0 ($mode)', async (pair) => {
    const [leaky, clean] = await Promise.all([startFixture(pair.leaky), startFixture(pair.clean)]);
    const load = { connections: CONNECTIONS, mode: pair.mode, holdMs: 100 };
    const [leakyLoad, cleanLoad] = await Promise.all([loadFixture(leaky, load), loadFixture(clean, load)]);
    expect(leakyLoad.opened).toBe(CONNECTIONS);
    expect(cleanLoad.opened).toBe(CONNECTIONS);

    const [leakyStatus] = await Promise.all([allClosed(leaky), allClosed(clean)]);
    await waitForStatus(clean.statusUrl, (s) => s.activeConnections === 0, `${pair.clean} to track nothing`);

    expect(leakyStatus.activeConnections).toBe(CONNECTIONS);
    expect(leakyStatus.connections).toHaveLength(CONNECTIONS);
    expect(leakyStatus.connections.every((connection) => connection.state === 'destroyed')).toBe(true);
    expect(leakyStatus.connections.every((connection) => connection.remote.startsWith('127.0.0.1:'))).toBe(true);
  });

  it.each([
    { leaky: 'map-end-only/leaky.mjs', topic: 'Map' },
    { leaky: 'object-end-only/leaky.cjs', topic: 'object' },
  ])('$topic removed only on end: a clean FIN does remove the entry, so only resets leak', async ({ leaky: source }) => {
    const leaky = await startFixture(source);
    const summary = await loadFixture(leaky, { connections: CONNECTIONS, mode: 'fin' });
    expect(summary.endedWithFin).toBe(CONNECTIONS);
    const status = await waitForStatus(leaky.statusUrl, (s) => s.openSockets === 0 && s.activeConnections === 0, `${source} to forget every FIN-ended socket`);
    expect(status.connections).toEqual([]);
  });
});
