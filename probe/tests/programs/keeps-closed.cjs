'use strict';
// Closed sockets kept, or not, for the retention tests. Behaviour by argv[2]:
//   keep          an echo server keeping every socket in a Set
//   clean         the same, deleting on 'close'
//   strip-close   keeps them and removes every 'close' listener (the probe's too) from each socket
//   refused       opens argv[3] client sockets to a port nobody listens on and keeps them in a Set
//   big MB        keep, plus about MB megabytes of live objects on the heap
// With argv includes "gc": the program runs a full collection of its own every 100 ms (the probe never does).
// Prints {"port": N} once ready; for "refused", {"refused": N} once every socket closed.
const net = require('node:net');

const [behaviour = 'keep', countText = '3'] = process.argv.slice(2);
if (process.argv.includes('gc')) {
  require('node:v8').setFlagsFromString('--expose-gc');
  const gc = require('node:vm').runInNewContext('gc');
  setInterval(() => gc(), 100);
}

const kept = new Set();
const ballast = [];
if (behaviour === 'big') {
  for (let i = 0; i < Number(countText) * 1024; i++) ballast.push({ index: i, text: `entry ${i}`.padEnd(900, '.') });
}

function onConnection(socket) {
  kept.add(socket);
  if (behaviour === 'clean') socket.on('close', () => kept.delete(socket));
  if (behaviour === 'strip-close') socket.removeAllListeners('close');
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => socket.write(chunk));
}

if (behaviour === 'refused') {
  setInterval(() => {}, 1000); // nothing else keeps this one alive
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => {
      let closed = 0;
      for (let i = 0; i < Number(countText); i++) {
        const socket = net.connect(port, '127.0.0.1');
        kept.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          if (++closed === Number(countText)) process.stdout.write(`${JSON.stringify({ refused: closed, ballast: ballast.length })}\n`);
        });
      }
    });
  });
} else {
  const server = net.createServer(onConnection);
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
}
