'use strict';
// A broadcast chat server that keeps every client in a Set and never takes one out: each closed
// socket, with its buffers, stays in `clients` for ever and the Set only grows.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const clients = new Set();

const server = net.createServer((socket) => {
  clients.add(socket); // expect: socket-hygiene/remove-on-close
  socket.setEncoding('utf8');
  socket.on('data', (text) => {
    for (const client of clients) {
      if (client !== socket) client.write(text);
    }
  });
  socket.on('error', (error) => console.error(`client ${socket.remoteAddress}: ${error.message}`));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => clients });
