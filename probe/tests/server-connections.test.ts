// Accepted sockets under the probe: the counts follow connections opened, ended (FIN), reset and left idle.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, startProbed, waitFor, type Loader, type ProbedProgram } from './helpers/probed-program.ts';

const clients: net.Socket[] = [];
afterEach(async () => {
  for (const socket of clients.splice(0)) socket.destroy();
  await killAll();
});

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    clients.push(socket);
  });
}

const activeCount = (program: ProbedProgram) => async () => (await program.status()).activeConnections;

describe.each<[Loader, string]>([
  ['require', 'server.cjs'],
  ['import', 'server.mjs'],
])('--%s register, %s', (loader, file) => {
  it('counts opened, ended and reset connections exactly', async () => {
    const program = await startProbed(file, [], { loader });
    const port = program.hello.port as number;
    const sockets = await Promise.all(Array.from({ length: 6 }, () => connect(port)));
    const status = await waitFor(() => program.status(), (s) => s.activeConnections === 6, { what: '6 accepted' });
    expect(status.connections.every((c) => c.origin === 'accepted' && c.state === 'open' && c.hasErrorListener)).toBe(true);
    expect(status.withoutErrorListener).toBe(0);

    sockets[0]!.end();
    sockets[1]!.end();
    await waitFor(activeCount(program), (n) => n === 4, { what: '2 ended' });
    sockets[2]!.resetAndDestroy();
    await waitFor(activeCount(program), (n) => n === 3, { what: '1 reset' });
    for (const socket of sockets.slice(3)) socket.destroy();
    await waitFor(activeCount(program), (n) => n === 0, { what: 'all closed' });

    const metrics = await program.metricsText();
    expect(metrics).toMatch(/^socket_hygiene_connections_accepted_total 6$/m);
    expect(metrics).toMatch(/^socket_hygiene_connections_closed_total 6$/m);
  });
});

describe('idle connections', () => {
  it('counts sockets whose timeout only logged, and none when the timeout destroys', async () => {
    const leaky = await startProbed('server.cjs', ['idle-leak', '300']);
    const clean = await startProbed('server.cjs', ['idle-clean', '300']);
    await Promise.all([1, 2, 3].map(() => connect(leaky.hello.port as number)));
    await Promise.all([1, 2, 3].map(() => connect(clean.hello.port as number)));

    const leakyStatus = await waitFor(() => leaky.status(), (s) => s.idleOverTimeout === 3, { what: '3 idle over timeout' });
    expect(leakyStatus.activeConnections).toBe(3);
    expect(leakyStatus.connections.map((c) => c.timeoutMs)).toEqual([300, 300, 300]);
    expect(Math.min(...leakyStatus.connections.map((c) => c.idleMs))).toBeGreaterThanOrEqual(300);

    await waitFor(activeCount(clean), (n) => n === 0, { what: 'the clean twin to close its idle sockets' });
    expect((await clean.status()).idleOverTimeout).toBe(0);

    // Data moves: the socket is no longer idle over its timeout until the timeout fires again.
    const first = clients[0]!;
    first.write('ping');
    await waitFor(() => leaky.status(), (s) => s.idleOverTimeout === 2, { what: 'activity to clear one' });
  });
});
