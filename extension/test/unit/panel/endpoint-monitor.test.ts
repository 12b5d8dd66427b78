// The snapshot model: one endpoint polled over real HTTP on loopback, stepped with a manual clock.
import { afterEach, describe, expect, it } from 'vitest';
import { EndpointMonitor, connectionKeys } from '../../../src/panel/endpoint-monitor.js';
import { parseEndpointSettings } from '../../../src/panel/endpoint-settings.js';
import type { StatusReport } from '../../../src/panel/status-report.js';
import { validateStatus } from '../../../src/panel/status-schema.js';
import { ManualClock, Queue, sendJson, startServer, statusReport, type TestServer } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function monitorOf(answer: () => unknown, options: { idleLimitMs?: number; token?: string } = {}) {
  let respond = answer;
  const server: TestServer = await startServer((_request, response) => {
    const body = respond();
    if (body instanceof Error) {
      response.writeHead(500, body.message);
      response.end();
    } else sendJson(response, body);
  });
  cleanups.push(() => server.close());
  const clock = new ManualClock();
  const changes = new Queue<EndpointMonitor>();
  const definition = parseEndpointSettings([{ name: 'fixture', url: server.url, headers: { 'x-team': 'blue' } }]).endpoints[0];
  if (definition === undefined) throw new Error('no endpoint');
  const monitor = new EndpointMonitor(definition, {
    clock,
    intervalMs: () => 2000,
    timeoutMs: () => 1000,
    idleLimitMs: () => options.idleLimitMs ?? 300_000,
    headers: () => Promise.resolve({ ...definition.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }),
    validate: validateStatus,
    onChange: changes.push,
  });
  cleanups.push(() => monitor.stop());
  return { server, clock, changes, monitor, setAnswer: (next: () => unknown) => (respond = next) };
}

describe('EndpointMonitor', () => {
  it('takes a report: state, count, history and connections oldest first', async () => {
    const report = statusReport({ pid: 7 }, 3);
    report.connections.forEach((connection, index) => (connection.ageMs = [5000, 90_000, 20_000][index]));
    const { server, monitor, changes, clock } = await monitorOf(() => report, { token: 't0ken' });
    monitor.start();
    await changes.next();
    const snapshot = monitor.snapshot();
    expect(snapshot.state).toBe('live');
    expect(snapshot.report?.activeConnections).toBe(3);
    expect(snapshot.reportAt).toBe(clock.now());
    expect(snapshot.connections.map((view) => view.ageMs)).toEqual([90_000, 20_000, 5000]);
    expect(snapshot.history.all).toHaveLength(1);
    expect(server.requests[0]?.headers['x-team']).toBe('blue');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t0ken');
  });

  it('ages connections the endpoint gives no age for by how long the panel has seen them', async () => {
    let report: StatusReport = statusReport({}, 1);
    const { monitor, changes, clock, setAnswer } = await monitorOf(() => report);
    monitor.start();
    await changes.next();
    expect(monitor.snapshot().connections[0]).toMatchObject({ ageMs: 0, ageObserved: true });
    report = statusReport({}, 2);
    setAnswer(() => report);
    clock.advance(2000);
    await changes.next();
    const [older, newer] = monitor.snapshot().connections;
    expect(older).toMatchObject({ key: 'remote:127.0.0.1:40000', ageMs: 2000 });
    expect(newer).toMatchObject({ key: 'remote:127.0.0.1:40001', ageMs: 0 });
  });

  it('keeps the last report and the history when the endpoint fails, with the retry delay', async () => {
    const { monitor, changes, clock, setAnswer } = await monitorOf(() => statusReport({}, 2));
    monitor.start();
    await changes.next();
    setAnswer(() => new Error('Bad Gateway'));
    clock.advance(2000);
    await changes.next();
    const failing = monitor.snapshot();
    expect(failing.state).toBe('failing');
    expect(failing.problem).toBe('HTTP 500 Bad Gateway');
    expect(failing.retryInMs).toBe(4000);
    expect(failing.report?.activeConnections).toBe(2);
    expect(failing.history.all.map((sample) => sample.count)).toEqual([2, null]);

    setAnswer(() => statusReport({}, 3));
    clock.advance(4000);
    await changes.next();
    const recovered = monitor.snapshot();
    expect(recovered.state).toBe('live');
    expect(recovered.problem).toBeUndefined();
    expect(recovered.history.all.map((sample) => sample.count)).toEqual([2, null, 3]);
  });

  it('reports a schema-invalid answer with the field, like any other failure', async () => {
    const { monitor, changes } = await monitorOf(() => ({ ...statusReport(), uptime: 'long' }));
    monitor.start();
    await changes.next();
    expect(monitor.snapshot().problem).toBe('invalid status: uptime: must be number');
  });

  it('marks a restart when the uptime goes back', async () => {
    let uptime = 100;
    const { monitor, changes, clock, setAnswer } = await monitorOf(() => statusReport({ uptime }));
    monitor.start();
    await changes.next();
    uptime = 1;
    setAnswer(() => statusReport({ uptime }));
    clock.advance(2000);
    await changes.next();
    expect(monitor.snapshot().history.all.map((sample) => sample.restart)).toEqual([false, true]);
  });

  it('warns about connections idle past the limit', async () => {
    const report = statusReport({}, 2);
    report.connections[0]!.idleMs = 61_000;
    const { monitor, changes } = await monitorOf(() => report, { idleLimitMs: 60_000 });
    monitor.start();
    await changes.next();
    expect(monitor.snapshot().warnings).toEqual([{ kind: 'idle', message: '1 connection idle over 1 min (longest 1 min)' }]);
  });

  it('pauses and resumes', async () => {
    const { monitor, changes, clock, server } = await monitorOf(() => statusReport());
    monitor.start();
    await changes.next();
    monitor.setPaused(true);
    await changes.next();
    expect(monitor.snapshot().state).toBe('paused');
    clock.advance(60_000);
    expect(server.requests).toHaveLength(1);
    monitor.setPaused(false);
    await changes.next();
    await changes.next();
    expect(server.requests).toHaveLength(2);
    expect(monitor.snapshot().state).toBe('live');
  });
});

describe('connectionKeys', () => {
  it('uses the id, else the remote, and keeps duplicates apart', () => {
    expect(
      connectionKeys([
        { remote: 'a:1', bytesRead: 0, bytesWritten: 0, bufferSize: 0 },
        { remote: 'a:1', bytesRead: 0, bytesWritten: 0, bufferSize: 0 },
        { remote: 'a:1', id: 9, bytesRead: 0, bytesWritten: 0, bufferSize: 0 },
      ]),
    ).toEqual(['remote:a:1', 'remote:a:1#1', 'id:9']);
  });
});
