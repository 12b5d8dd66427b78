// The HTTP server, fixed: its 'timeout' listener logs and destroys the timed-out socket, doing what
// Node would have done had there been no listener.
import http from 'node:http';
import type { Socket } from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const IDLE_TIMEOUT_MS = Number(process.env.IDLE_TIMEOUT_MS ?? 30_000);
const sockets = new Set<Socket>();

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.url}\n`);
});
server.timeout = IDLE_TIMEOUT_MS;

server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

server.on('timeout', (socket) => {
  console.log(`timeout: ${socket.remoteAddress}:${socket.remotePort} idle for ${IDLE_TIMEOUT_MS} ms`);
  socket.destroy();
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => sockets });
