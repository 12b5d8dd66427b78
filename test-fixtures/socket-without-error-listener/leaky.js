'use strict';
// An upper-casing echo server with no 'error' listener on its sockets. An 'error' nobody listens
// for is thrown: the first client that resets its connection (ECONNRESET) kills the process and
// every other client with it.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const clients = new Set();

const server = net.createServer((socket) => { // expect: socket-hygiene/require-error-listener
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.setEncoding('utf8');
  socket.on('data', (text) => socket.write(text.toUpperCase()));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => clients });
