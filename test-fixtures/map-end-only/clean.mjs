// The session server, fixed: the session is removed on 'close', which follows every ending of the
// socket (FIN, reset, error, destroy), not on 'end', which only follows a FIN.
import net from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const sessions = new Map();
let nextId = 1;

const server = net.createServer((socket) => {
  const id = nextId++;
  sessions.set(id, socket);
  socket.on('close', () => sessions.delete(id));
  socket.on('error', (error) => console.error(`session ${id}: ${error.message}`));
  socket.setEncoding('utf8');
  socket.on('data', (text) => socket.write(`session ${id}: ${text.length} chars\n`));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => sessions.values() });
