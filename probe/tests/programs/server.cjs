'use strict';
// A small TCP server to run under the probe. Its behaviour is chosen by argv[2]:
//   clean            ends when the peer ends (allowHalfOpen false), destroys on error
//   half-open-leak   allowHalfOpen: true and never ends: a peer's FIN leaves the socket in CLOSE_WAIT
//   half-open-clean  allowHalfOpen: true and ends on 'end': the clean twin
//   idle-leak MS     a 'timeout' handler that only logs: idle sockets stay open
//   idle-clean MS    destroys the socket on 'timeout'
// Prints {"port": N} on stdout once listening.
const net = require('node:net');

const [behaviour = 'clean', timeoutText = '200'] = process.argv.slice(2);
const halfOpen = behaviour.startsWith('half-open');

const server = net.createServer({ allowHalfOpen: halfOpen }, (socket) => {
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => socket.write(chunk));
  if (behaviour === 'half-open-clean') socket.on('end', () => socket.end());
  if (behaviour === 'idle-leak' || behaviour === 'idle-clean') {
    socket.setTimeout(Number(timeoutText));
    socket.on('timeout', () => {
      if (behaviour === 'idle-clean') socket.destroy();
      else console.error('socket idle'); // only logs: the leak the timeout-ends-socket rule reports
    });
  }
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
