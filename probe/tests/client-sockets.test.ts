// Client sockets a program opens, one row of the README's coverage table per kind: each is counted
// exactly once while open and forgotten once closed.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { certsDir, killAll, programsDir, startProbed, waitFor } from './helpers/probed-program.ts';

const caFile = join(certsDir, 'test-only-cert.pem');
const credentials = { key: readFileSync(join(certsDir, 'test-only-key.pem')), cert: readFileSync(caFile) };
const accepted = new Set<net.Socket>();
const track = (socket: net.Socket) => {
  accepted.add(socket);
  socket.on('error', () => {}).on('close', () => accepted.delete(socket));
};

const servers = {
  tcp: net.createServer(track),
  tls: tls.createServer(credentials, track),
  http: http.createServer((_request, response) => response.end('ok')),
  https: https.createServer(credentials, (_request, response) => response.end('ok')),
};
servers.http.on('connection', track);
servers.https.on('secureConnection', track);

const portOf = (server: net.Server) => (server.address() as net.AddressInfo).port;

beforeAll(async () => {
  await Promise.all(
    Object.values(servers).map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
  );
});
afterEach(async () => {
  for (const socket of accepted) socket.destroy();
  await killAll();
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe.each([
  ['net.connect', servers.tcp],
  ['net.createConnection', servers.tcp],
  ['socket.connect', servers.tcp],
  ['tls.connect', servers.tls],
  ['http.get', servers.http],
  ['https.get', servers.https],
] as const)('%s', (kind, server) => {
  it('is counted once while open and forgotten when the server closes it', async () => {
    const program = await startProbed('client.cjs', [kind, String(portOf(server)), caFile]);
    const status = await waitFor(() => program.status(), (s) => s.activeConnections >= 1, { what: `the ${kind} socket` });
    expect(status.activeConnections).toBe(1);
    expect(status.connections[0]).toMatchObject({ origin: 'opened', remote: `127.0.0.1:${portOf(server)}`, state: 'open' });
    expect(status.connections[0]!.hasErrorListener).toBe(true);

    // its source is the program's own call that opened it, a few lines below its `case`
    const clientFile = join(programsDir, 'client.cjs');
    const caseLine = readFileSync(clientFile, 'utf8').split('\n').findIndex((line) => line.includes(`case '${kind}':`)) + 1;
    const source = /^(.*):(\d+):(\d+)$/.exec(status.connections[0]!.source ?? '');
    expect(source?.[1]).toBe(clientFile);
    expect(Number(source?.[2])).toBeGreaterThan(caseLine);
    expect(Number(source?.[2])).toBeLessThanOrEqual(caseLine + 5);
    expect(status.sources).toEqual([expect.objectContaining({ location: status.connections[0]!.source, kind: 'client', active: 1 })]);

    for (const socket of accepted) socket.destroy();
    await waitFor(async () => (await program.status()).activeConnections, (n) => n === 0, { what: `the ${kind} socket to close` });
    expect(await program.metricsText()).toMatch(/^socket_hygiene_connections_opened_total 1$/m);
  });
});
