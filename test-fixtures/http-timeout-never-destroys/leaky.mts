// An HTTP server that listens for 'timeout' to log slow clients. Adding that listener turns off
// Node's own destroy of timed-out sockets, and this listener never destroys: a slowloris client
// that sends half a request and waits keeps its socket for ever.
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

server.on('timeout', (socket) => { // expect: socket-hygiene/timeout-ends-socket
  console.log(`timeout: ${socket.remoteAddress}:${socket.remotePort} idle for ${IDLE_TIMEOUT_MS} ms`);
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => sockets });
