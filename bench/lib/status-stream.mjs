// A busy server's status endpoint as the panel polls it: `connections` live sockets in the runtime probe's
// format (probe/src/status-snapshot.js), and every poll `intervalMs` later the numbers move as on a real
// server: ages and uptime advance, about a third of the sockets move data, 1 % close and as many new ones
// open, and the heap drifts. Seeded, so every run of the benchmark sees the same stream.
import { seeded } from './seeded.mjs';

/**
 * @param {{ connections?: number, intervalMs?: number, start?: number, uptime?: number, pid?: number, seed?: number }} options
 * @returns {{ next: () => { now: number, body: string } }} each poll's time and its JSON body, as the wire has it
 */
export function statusStream({ connections = 10_000, intervalMs = 2000, start = Date.now(), uptime = 3600, pid = 4242, seed = 6 } = {}) {
  const random = seeded(seed);
  const integer = (below) => Math.floor(random() * below);
  let now = start;
  let nextId = 1;
  const open = (openedAt) => {
    const accepted = random() < 0.9;
    return {
      id: nextId++,
      remote: accepted ? `10.${integer(4)}.${integer(256)}.${1 + integer(254)}:${1024 + integer(64_000)}` : `[2001:db8::${(1 + integer(0xfffe)).toString(16)}]:443`,
      bytesRead: integer(4096),
      bytesWritten: integer(4096),
      bufferSize: 0,
      openedAt,
      lastActivityAt: openedAt,
      state: 'open',
      hasErrorListener: random() > 0.002,
      timeoutMs: random() < 0.8 ? 30_000 : 0,
      origin: accepted ? 'accepted' : 'opened',
    };
  };
  // Opened over the last hour, so ages spread from seconds to an hour.
  let sockets = Array.from({ length: connections }, () => open(start - integer(3_600_000)));
  let heapUsed = 180 * 2 ** 20;

  return {
    next() {
      now += intervalMs;
      const survivors = sockets.filter(() => random() >= 0.01);
      while (survivors.length < connections) survivors.push(open(now - integer(intervalMs)));
      sockets = survivors;
      for (const socket of sockets) {
        if (random() < 0.35) {
          socket.bytesRead += integer(16_384);
          socket.bytesWritten += integer(65_536);
          socket.lastActivityAt = now - integer(intervalMs);
        }
        socket.bufferSize = random() < 0.01 ? integer(262_144) : 0;
        if (socket.state === 'open' && random() < 0.0005) socket.state = 'half-closed';
      }
      heapUsed = Math.max(120 * 2 ** 20, heapUsed + (integer(2 * 2 ** 20) - 2 ** 20));
      const status = {
        activeConnections: sockets.length,
        memory: { rss: heapUsed + 90 * 2 ** 20, heapTotal: heapUsed + 40 * 2 ** 20, heapUsed, external: 6 * 2 ** 20, arrayBuffers: 3 * 2 ** 20 },
        uptime: uptime + (now - start) / 1000,
        pid,
        withoutErrorListener: sockets.filter((socket) => !socket.hasErrorListener).length,
        idleOverTimeout: sockets.filter((socket) => socket.timeoutMs > 0 && now - socket.lastActivityAt > socket.timeoutMs).length,
        connections: sockets.map((socket) => ({
          id: socket.id,
          remote: socket.remote,
          bytesRead: socket.bytesRead,
          bytesWritten: socket.bytesWritten,
          bufferSize: socket.bufferSize,
          ageMs: now - socket.openedAt,
          idleMs: now - socket.lastActivityAt,
          state: socket.state,
          hasErrorListener: socket.hasErrorListener,
          timeoutMs: socket.timeoutMs,
          origin: socket.origin,
        })),
      };
      return { now, body: JSON.stringify(status) };
    },
  };
}
