// The publish/subscribe fan-out, fixed: a subscriber is spliced out of the array when its socket
// closes, whatever ended it.
import { createServer, type Socket } from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const subscribers: Socket[] = [];

function publish(message: string): void {
  for (const subscriber of subscribers) subscriber.write(message);
}

function subscribe(socket: Socket): void {
  subscribers.push(socket);
  socket.on('close', () => {
    const index = subscribers.indexOf(socket);
    if (index !== -1) subscribers.splice(index, 1);
  });
  socket.on('error', (error: Error) => console.error(`subscriber ${socket.remoteAddress}: ${error.message}`));
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => publish(`${socket.remotePort}: ${text}`));
}

const server = createServer(subscribe);
server.on('error', (error: Error) => console.error(`server: ${error.message}`));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server, connections: () => subscribers });
