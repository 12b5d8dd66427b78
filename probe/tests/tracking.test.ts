// In-process: which client sockets Node itself publishes, and what the connect hook adds.
// This is the evidence behind the Node 20 column of the README's coverage table.
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishesEveryClientSocket } from '../src/client-connect-hook.js';
import { SocketRegistry } from '../src/socket-registry.js';
import { startTracking } from '../src/socket-tracking.js';

const server = net.createServer((socket) => socket.on('error', () => {}).destroy());
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

type Opener = () => net.Socket;
const openers: Record<string, Opener> = {
  'net.connect': () => net.connect(port, '127.0.0.1'),
  'net.createConnection': () => net.createConnection({ port, host: '127.0.0.1' }),
  'socket.connect': () => new net.Socket().connect(port, '127.0.0.1'),
  'tls.connect': () => tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }),
};

async function openedCount(open: Opener, hookConnect: boolean): Promise<number> {
  const registry = new SocketRegistry();
  const stop = startTracking(registry, () => false, { hookConnect });
  const socket = open();
  socket.on('error', () => {});
  const opened = registry.opened;
  await new Promise((resolve) => socket.on('close', resolve));
  stop();
  const stillOpened = [...registry.entries()].filter(([, record]) => record.origin === 'opened');
  expect(stillOpened).toEqual([]); // forgotten on 'close'
  return opened;
}

describe('without the connect hook, this Node publishes net.client.socket for', () => {
  const expected: Record<string, number> = {
    'net.connect': 1,
    'net.createConnection': 1,
    'socket.connect': publishesEveryClientSocket() ? 1 : 0,
    'tls.connect': publishesEveryClientSocket() ? 1 : 0,
  };
  it.each(Object.keys(openers))('%s', async (kind) => {
    expect(await openedCount(openers[kind]!, false)).toBe(expected[kind]);
  });
});

describe('with the connect hook, every client socket is tracked exactly once', () => {
  it.each(Object.keys(openers))('%s', async (kind) => {
    expect(await openedCount(openers[kind]!, true)).toBe(1);
  });
});

it('knows which Nodes publish every client socket themselves', () => {
  expect(publishesEveryClientSocket('20.20.2')).toBe(false);
  expect(publishesEveryClientSocket('22.16.0')).toBe(false);
  expect(publishesEveryClientSocket('22.17.0')).toBe(true);
  expect(publishesEveryClientSocket('24.1.0')).toBe(false); // hooked anyway: harmless, see client-connect-hook.js
  expect(publishesEveryClientSocket('25.0.0')).toBe(true);
});
