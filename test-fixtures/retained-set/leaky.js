'use strict';
// A chat room that keeps every client in a Set and never takes one out: each closed socket stays in
// `clients` for ever. Run it under the probe (node --require socket-hygiene-probe/register leaky.js):
// /status counts the closed sockets as retainedAfterClose, POST /retention names `clients`.
// Prints {"port": N} on stdout once listening.
const net = require('node:net');

function startChat() {
  const clients = new Set();
  const server = net.createServer(function onConnection(socket) {
    clients.add(socket); // expect: socket-hygiene/remove-on-close
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      for (const client of clients) if (client !== socket && !client.destroyed) client.write(chunk);
    });
  });
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

startChat();
