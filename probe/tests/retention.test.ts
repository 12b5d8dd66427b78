// Sockets kept after their 'close': the fixtures in test-fixtures/retained-*/ under nothing but
// `--require`, POST /retention naming the variable that holds them, and the clean twins showing none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closedClients } from './helpers/closed-clients.ts';
import { fixturesDir, killAll, startProbed, waitFor } from './helpers/probed-program.ts';

afterEach(killAll);

const CLIENTS = 6;

interface Group {
  count: number;
  path: string[];
  location: string | null;
}

// declaredIn: the function whose call made the variable; each fixture's connection handler `onConnection`,
// defined inside it, is the live closure that keeps that call's scope.
const collections = [
  { topic: 'a Set', folder: 'retained-set', variable: 'clients', collection: 'Set', declaredIn: 'startChat' },
  { topic: 'a Map keyed by socket', folder: 'retained-map-key', variable: 'bytesBySocket', collection: 'Map', declaredIn: 'startCounter' },
  { topic: 'an array', folder: 'retained-array', variable: 'subscribers', collection: 'Array', declaredIn: 'startFeed' },
  { topic: 'objects holding the socket', folder: 'retained-holder-object', variable: 'sessions', collection: 'Array', declaredIn: 'startSessions' },
];

describe.each(collections)('closed sockets kept in $topic', ({ folder, variable, collection, declaredIn }) => {
  it('POST /retention counts every closed client and names the variable and its file', async () => {
    const file = join(fixturesDir, folder, 'leaky.js');
    const program = await startProbed(file);
    await closedClients(program.hello.port as number, CLIENTS);
    await waitFor(async () => (await program.status()).activeConnections, (n) => n === 0, { what: 'all closed' });

    const { code, body } = await program.retention();
    expect(code).toBe(200);
    expect(body.retainedAfterClose).toBe(CLIENTS);
    const groups = body.groups as Group[];
    const group = groups.find((candidate) => candidate.path[0]?.startsWith(`${variable} (${collection})`));
    expect(group, JSON.stringify(groups)).toBeDefined();
    expect(group!.count).toBe(CLIENTS);
    expect(group!.path.at(-1)).toMatch(/Socket/);
    expect(group!.path[0]).toBe(`${variable} (${collection}) in the scope of onConnection (declared in ${declaredIn})`);
    // the definition of the closure that holds the scope: the fixture's `function onConnection` line
    const onConnectionLine = readFileSync(file, 'utf8').split('\n').findIndex((line) => line.includes('function onConnection(')) + 1;
    expect(group!.location).toBe(`${file}:${onConnectionLine}`);

    const status = await program.status();
    expect(status.retainedAfterClose).toBe(CLIENTS);
    expect(Date.parse(status.retainedAfterCloseCheckedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // every accepted socket came from the fixture's server.listen(...) line
    expect(status.sources).toEqual([
      expect.objectContaining({ kind: 'server', active: 0, retainedAfterClose: CLIENTS, location: expect.stringContaining(`${file}:`) }),
    ]);
  });

  it('its clean twin shows 0 and no group', async () => {
    const program = await startProbed(join(fixturesDir, folder, 'clean.js'));
    await closedClients(program.hello.port as number, CLIENTS);
    await waitFor(async () => (await program.status()).activeConnections, (n) => n === 0, { what: 'all closed' });
    const { code, body } = await program.retention();
    expect(code).toBe(200);
    expect(body).toEqual({ retainedAfterClose: 0, groups: [] });
    expect((await program.status()).retainedAfterClose).toBe(0);
  });
});

it("counts closed sockets still held after the program's own major collections, without POST /retention", async () => {
  const [leaky, clean] = await Promise.all([startProbed('keeps-closed.cjs', ['keep', 'gc']), startProbed('keeps-closed.cjs', ['clean', 'gc'])]);
  await Promise.all([closedClients(leaky.hello.port as number, 4), closedClients(clean.hello.port as number, 4)]);
  const status = await waitFor(() => leaky.status(), (s) => s.retainedAfterClose === 4, { what: 'retainedAfterClose 4', timeoutMs: 10_000 });
  expect(status.retainedAfterCloseCheckedAt).not.toBeNull();
  expect(status.activeConnections).toBe(0);
  const cleanStatus = await waitFor(() => clean.status(), (s) => s.retainedAfterCloseCheckedAt !== null, { what: 'a check', timeoutMs: 10_000 });
  expect(cleanStatus.retainedAfterClose).toBe(0);
  expect(await leaky.metricsText()).toMatch(/^socket_hygiene_retained_after_close 4$/m);
});

it('answers GET /retention with 405 and takes no snapshot', async () => {
  const program = await startProbed('keeps-closed.cjs', ['keep']);
  const response = await fetch(program.url.replace(/status$/, 'retention'));
  expect(response.status).toBe(405);
  expect(response.headers.get('allow')).toBe('POST');
  expect(((await response.json()) as { error: string }).error).toMatch(/POST/);
  expect((await program.status()).retainedAfterCloseCheckedAt).toBeNull();
});

it('needs the bearer token like the other endpoints', async () => {
  const program = await startProbed('keeps-closed.cjs', ['keep'], { env: { SOCKET_HYGIENE_TOKEN: 'tok3n' } });
  expect((await program.retention()).code).toBe(401);
  expect((await program.retention({ headers: { authorization: 'Bearer tok3n' } })).code).toBe(200);
});
