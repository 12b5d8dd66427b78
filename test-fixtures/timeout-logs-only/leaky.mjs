// An echo server with an idle timeout whose handler only logs. 'timeout' is a notification: Node
// does not close the socket, so an idle client keeps its socket and file descriptor for ever.
import net from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const IDLE_TIMEOUT_MS = Number(process.env.IDLE_TIMEOUT_MS ?? 30_000);
const connections = new Set();

const server = net.createServer((socket) => {
  connections.add(socket);
  socket.on('close', () => connections.delete(socket));
  socket.on('error', (error) => console.error(`client ${socket.remoteAddress}: ${error.message}`));
  socket.setTimeout(IDLE_TIMEOUT_MS);
  socket.on('timeout', () => { // expect: socket-hygiene/timeout-ends-socket
    console.log(`timeout: ${socket.remoteAddress}:${socket.remotePort} idle for ${IDLE_TIMEOUT_MS} ms`);
  });
  socket.on('data', (chunk) => socket.write(chunk));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => connections });
