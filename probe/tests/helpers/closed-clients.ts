// Clients that connect, say something, end, and wait until the socket has closed on both sides.
import net from 'node:net';

export async function closedClients(port: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write('hello');
        socket.end();
      });
      socket.resume(); // read the echo, so the server's FIN is seen and 'close' comes
      socket.on('error', reject);
      socket.on('close', () => resolve());
    });
  }
}
