'use strict';
// Subscribers on an array, each spliced out on its socket's 'close'. Prints {"port": N} once listening.
const net = require('node:net');

function startFeed() {
  const subscribers = [];
  const server = net.createServer(function onConnection(socket) {
    subscribers.push(socket);
    socket.on('close', () => subscribers.splice(subscribers.indexOf(socket), 1));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      for (const subscriber of subscribers) subscriber.write(chunk);
    });
  });
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

startFeed();
