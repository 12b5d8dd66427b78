'use strict';
// Sessions as objects holding their socket, pushed onto a list and never removed: each entry keeps
// its closed socket. Prints {"port": N} on stdout once listening.
const net = require('node:net');

function startSessions() {
  const sessions = [];
  let nextId = 1;
  const server = net.createServer(function onConnection(socket) {
    const session = { id: nextId++, socket, openedAt: Date.now() };
    sessions.push(session); // expect: socket-hygiene/remove-on-close
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => session.socket.write(chunk));
  });
  server.on('error', (error) => console.error(`server: ${error.message}`));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

startSessions();
