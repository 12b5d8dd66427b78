// The client, fixed: the connection has an 'error' listener, so a reset or a refused connection is
// logged, the socket closes, and the client reconnects with a capped exponential backoff.
import net from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const UPSTREAM_PORT = Number(process.env.UPSTREAM_PORT);
const HEARTBEAT_MS = Number(process.env.HEARTBEAT_MS ?? 1_000);
const RECONNECT_MAX_MS = Number(process.env.RECONNECT_MAX_MS ?? 10_000);

let failedAttempts = 0;
let reconnects = 0;
let upstream = connect();

function connect() {
  const socket = net.connect(UPSTREAM_PORT, '127.0.0.1');
  socket.on('error', (error) => console.error(`upstream: ${error.message}`));
  socket.on('connect', () => {
    failedAttempts = 0;
  });
  socket.setEncoding('utf8');
  socket.on('data', (text) => console.log(`upstream: ${text.trim()}`));
  const heartbeat = setInterval(() => socket.write('ping\n'), HEARTBEAT_MS);
  socket.on('close', () => {
    clearInterval(heartbeat);
    const delay = Math.min(RECONNECT_MAX_MS, 50 * 2 ** failedAttempts);
    failedAttempts += 1;
    console.log(`upstream closed: reconnecting in ${delay} ms`);
    setTimeout(() => {
      reconnects += 1;
      upstream = connect();
    }, delay);
  });
  return socket;
}

serveStatus({
  connections: () => (upstream.destroyed ? [] : [upstream]),
  extra: () => ({ reconnects, failedAttempts }),
});
