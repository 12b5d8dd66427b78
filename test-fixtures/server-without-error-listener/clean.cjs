'use strict';
// The echo server, fixed: the server listens for 'error' (a port in use falls back to a free port
// instead of crashing) and so does every socket.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const clients = new Set();
let triedFallbackPort = false;

const server = net.createServer((socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('error', (error) => console.error(`client ${socket.remoteAddress}: ${error.message}`));
  socket.on('data', (chunk) => socket.write(chunk));
});

server.on('error', (error) => {
  console.error(`server: ${error.message}`);
  if (error.code === 'EADDRINUSE' && !triedFallbackPort) {
    triedFallbackPort = true;
    console.error('server: trying a free port instead');
    server.listen(0, '127.0.0.1');
  } else {
    process.exitCode = 1;
  }
});
// The server itself is not handed to the status endpoint: what happens to it stays in this file.
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  serveStatus({ connections: () => clients, port: server.address().port });
});
