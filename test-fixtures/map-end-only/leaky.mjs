// A session server that keeps each socket in a Map by id and removes it on 'end'. 'end' means
// "the peer sent FIN": a client that resets, or a socket that errors, never emits it, so those
// sessions stay in the Map for ever.
import net from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const sessions = new Map();
let nextId = 1;

const server = net.createServer((socket) => {
  const id = nextId++;
  sessions.set(id, socket); // expect: socket-hygiene/remove-on-close
  socket.on('end', () => sessions.delete(id));
  socket.on('error', (error) => console.error(`session ${id}: ${error.message}`));
  socket.setEncoding('utf8');
  socket.on('data', (text) => socket.write(`session ${id}: ${text.length} chars\n`));
});

server.on('error', (error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => sessions.values() });
