'use strict';
// A device gateway that indexes sockets by "address:port" in a plain object and forgets a device
// on 'end'. A device that drops off the network (reset, error) never sends FIN, so its entry stays.
const net = require('node:net');
const { serveStatus } = require('../lib/status-endpoint.cjs');

const devices = {};

const server = net.createServer((socket) => {
  const key = `${socket.remoteAddress}:${socket.remotePort}`;
  devices[key] = socket; // expect: socket-hygiene/remove-on-close
  socket.on('end', () => {
    delete devices[key];
  });
  socket.on('error', (error) => console.error(`device ${key}: ${error.message}`));
  socket.on('data', (reading) => socket.write(`ack ${reading.length}\n`));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => Object.values(devices) });
