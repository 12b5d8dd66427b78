'use strict';
// Subscribers pushed onto an array and never taken off: the array holds every socket that ever
// connected. Prints {"port": N} on stdout once listening.
const net = require('node:net');

function startFeed() {
  const subscribers = [];
  const server = net.createServer(function onConnection(socket) {
    subscribers.push(socket); // expect: socket-hygiene/remove-on-close
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      for (const subscriber of subscribers) if (!subscriber.destroyed) subscriber.write(chunk);
    });
  });
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

startFeed();
