'use strict';
// The tutorial echo server: no 'error' listener on the server nor on its sockets. A port already
// in use (EADDRINUSE) is an 'error' on the server and is thrown; so is a client's reset on a socket.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const clients = new Set();

const server = net.createServer((socket) => { // expect: socket-hygiene/require-error-listener, socket-hygiene/require-error-listener
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('data', (chunk) => socket.write(chunk));
});

// The server itself is not handed to the status endpoint: what happens to it stays in this file.
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  serveStatus({ connections: () => clients, port: server.address().port });
});
