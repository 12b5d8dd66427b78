'use strict';
// Per-connection state in a Map keyed by the socket, deleted on 'close'. Prints {"port": N} once listening.
const net = require('node:net');

function startCounter() {
  const bytesBySocket = new Map();
  const server = net.createServer(function onConnection(socket) {
    bytesBySocket.set(socket, 0);
    socket.on('close', () => bytesBySocket.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      bytesBySocket.set(socket, bytesBySocket.get(socket) + chunk.length);
      socket.write(chunk);
    });
  });
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

startCounter();
