// The clean echo server as an ES module, for `node --import socket-hygiene-probe/register`.
import net from 'node:net';

const server = net.createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => socket.write(chunk));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
