'use strict';
// The chat room, fixed: a client leaves the Set on its socket's 'close', so nothing closed stays held.
// Prints {"port": N} on stdout once listening.
const net = require('node:net');

function startChat() {
  const clients = new Set();
  const server = net.createServer(function onConnection(socket) {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      for (const client of clients) if (client !== socket) client.write(chunk);
    });
  });
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

startChat();
