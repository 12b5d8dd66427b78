// The status format's example endpoint in another language (examples/status_endpoint.py, Python's
// standard library) answers what the schema describes, with a real connection open.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { assertStatus } from './helpers/status-schema.ts';

const example = join(import.meta.dirname, '..', 'examples', 'status_endpoint.py');
const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
const hasPython = python.status === 0;
if (!hasPython) console.warn('python3 not found: the Python status endpoint example is not tested');

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

async function startExample(): Promise<{ statusUrl: string; echoPort: number }> {
  child = spawn('python3', [example], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const timeout = setTimeout(() => child?.kill(), 15_000);
  for await (const line of lines) {
    const ready = /^ready: status=(\S+) echo=127\.0\.0\.1:(\d+)$/.exec(line);
    if (ready) {
      clearTimeout(timeout);
      return { statusUrl: ready[1]!, echoPort: Number(ready[2]) };
    }
  }
  throw new Error('the example exited before it printed its ready line');
}

async function getStatus(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return response.json();
}

describe.skipIf(!hasPython)('examples/status_endpoint.py (skipped when python3 is missing)', () => {
  it('serves a body that matches status.schema.json, before and during a connection', async () => {
    const { statusUrl, echoPort } = await startExample();
    expect(statusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status$/);
    const idle = await getStatus(statusUrl);
    assertStatus(idle);
    expect(idle).toMatchObject({ schema: 1, activeConnections: 0, connections: [] });

    const client = net.connect(echoPort, '127.0.0.1');
    client.on('error', () => {});
    try {
      client.write('hello');
      await new Promise((resolve) => client.once('data', resolve));
      const busy = await getStatus(statusUrl);
      assertStatus(busy);
      expect(busy.activeConnections).toBe(1);
      expect(busy.connections[0]).toMatchObject({ bytesRead: 5, bytesWritten: 5, state: 'open', remote: `127.0.0.1:${client.localPort}` });
      expect(busy.memory.rss).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });
});
