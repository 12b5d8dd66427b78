// The echo server, fixed: the idle-timeout handler logs and destroys the socket, which closes the
// connection and frees its file descriptor.
import net from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const IDLE_TIMEOUT_MS = Number(process.env.IDLE_TIMEOUT_MS ?? 30_000);
const connections = new Set();

const server = net.createServer((socket) => {
  connections.add(socket);
  socket.on('close', () => connections.delete(socket));
  socket.on('error', (error) => console.error(`client ${socket.remoteAddress}: ${error.message}`));
  socket.setTimeout(IDLE_TIMEOUT_MS);
  socket.on('timeout', () => {
    console.log(`timeout: ${socket.remoteAddress}:${socket.remotePort} idle for ${IDLE_TIMEOUT_MS} ms`);
    socket.destroy();
  });
  socket.on('data', (chunk) => socket.write(chunk));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => connections });
