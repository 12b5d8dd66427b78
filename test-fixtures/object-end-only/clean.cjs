'use strict';
// The device gateway, fixed: a device's entry is deleted on 'close', which every ending of the
// socket emits, instead of on 'end', which only a FIN from the device emits.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const devices = {};

const server = net.createServer((socket) => {
  const key = `${socket.remoteAddress}:${socket.remotePort}`;
  devices[key] = socket;
  socket.on('close', () => {
    delete devices[key];
  });
  socket.on('error', (error) => console.error(`device ${key}: ${error.message}`));
  socket.on('data', (reading) => socket.write(`ack ${reading.length}\n`));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => Object.values(devices) });
