'use strict';
// The echo server, fixed: each socket has an 'error' listener, so a client's reset is logged, the
// socket closes (and leaves the Set on 'close'), and everyone else carries on.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const clients = new Set();

const server = net.createServer((socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('error', (error) => console.error(`client ${socket.remoteAddress}: ${error.message}`));
  socket.setEncoding('utf8');
  socket.on('data', (text) => socket.write(text.toUpperCase()));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => clients });
