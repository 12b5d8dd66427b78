'use strict';
// The broadcast chat server, fixed: a client leaves the Set when its socket closes. 'close' comes
// after every ending (FIN, reset, error, destroy), so nothing is left behind.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const clients = new Set();

const server = net.createServer((socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
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
