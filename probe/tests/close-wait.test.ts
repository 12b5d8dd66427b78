// CLOSE_WAIT from /proc/net/tcp{,6}: a server that never ends half-closed sockets, and its clean twin.
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { cachedCloseWait, closeWaitInodes } from '../src/close-wait.js';
import { killAll, startProbed, waitFor } from './helpers/probed-program.ts';

const clients: net.Socket[] = [];
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.destroy();
  await killAll();
});

async function halfClose(port: number, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<void>((resolve, reject) => {
        const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => {
          socket.end(); // FIN from the client; the server decides whether to close its side
          resolve();
        });
        socket.on('error', reject);
        clients.push(socket);
      }),
    ),
  );
}

it.runIf(process.platform === 'linux')('reports CLOSE_WAIT for a server that never ends half-closed sockets', async () => {
  const leaky = await startProbed('server.cjs', ['half-open-leak']);
  await halfClose(leaky.hello.port as number, 3);
  const status = await waitFor(() => leaky.status(), (s) => s.closeWait === 3, { what: 'closeWait 3', timeoutMs: 15_000 });
  expect(status.activeConnections).toBe(3);
  expect(status.connections.map((c) => c.state)).toEqual(['half-closed', 'half-closed', 'half-closed']);
  expect(await leaky.metricsText()).toMatch(/^socket_hygiene_close_wait_sockets 3$/m);
});

it.runIf(process.platform === 'linux')('reports none for the clean twin that ends on the peer\'s end', async () => {
  const clean = await startProbed('server.cjs', ['half-open-clean']);
  await halfClose(clean.hello.port as number, 3);
  await waitFor(async () => (await clean.status()).activeConnections, (n) => n === 0, { what: 'all closed' });
  expect((await clean.status()).closeWait).toBe(0);
});

it('reads CLOSE_WAIT inodes from a /proc/net/tcp table', () => {
  const table = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0 100 0 0 10 0',
    '   1: 0100007F:1F90 0100007F:C350 08 00000000:00000000 00:00000000 00000000     0        0 2222 1 0 20 4 30 10 -1',
    '   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 3333 1 0 20 4 30 10 -1',
  ].join('\n');
  expect(closeWaitInodes(table)).toEqual(['2222']);
});

it('shares one /proc reading and waits longer after a slow one', async () => {
  let reads = 0;
  const slowRead = async () => {
    reads++;
    await new Promise((wake) => setTimeout(wake, 40)); // 40 ms read: next one no sooner than 2 s
    return reads;
  };
  const closeWait = cachedCloseWait({ minAgeMs: 10, maxAgeMs: 10_000 }, slowRead);
  expect(await Promise.all([closeWait(), closeWait()])).toEqual([1, 1]);
  expect(await closeWait()).toBe(1);
  expect(reads).toBe(1);
});
