// A publish/subscribe fan-out: every subscriber is pushed onto an array and never taken off, so
// the array holds every socket that ever connected, and each publish walks all the dead ones.
import { createServer, type Socket } from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const subscribers: Socket[] = [];

function publish(message: string): void {
  for (const subscriber of subscribers) subscriber.write(message);
}

function subscribe(socket: Socket): void {
  subscribers.push(socket); // expect: socket-hygiene/remove-on-close
  socket.on('error', (error: Error) => console.error(`subscriber ${socket.remoteAddress}: ${error.message}`));
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => publish(`${socket.remotePort}: ${text}`));
}

const server = createServer(subscribe);
server.on('error', (error: Error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => subscribers });
