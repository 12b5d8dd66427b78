'use strict';
// The line server, fixed: the idle timeout comes with a handler that destroys the idle socket.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const IDLE_TIMEOUT_MS = Number(process.env.IDLE_TIMEOUT_MS ?? 30_000);
const connections = new Set();

const server = net.createServer((socket) => {
  connections.add(socket);
  socket.on('close', () => connections.delete(socket));
  socket.on('error', (error) => console.error(`client ${socket.remoteAddress}: ${error.message}`));
  socket.setTimeout(IDLE_TIMEOUT_MS, () => {
    console.log(`timeout: ${socket.remoteAddress}:${socket.remotePort} idle for ${IDLE_TIMEOUT_MS} ms`);
    socket.destroy();
  });
  socket.setEncoding('utf8');
  socket.on('data', (text) => socket.write(`${text.trim().length}\n`));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => connections });
