// A connection manager done right: every socket is tracked in a Map by id and removed on 'close';
// a client must send something within the first-data timeout and must not go idle for longer
// than the idle timeout; closing is end() first, then destroy() if the peer never answers the FIN;
// shutdown() stops accepting, closes every connection the same way and resolves when all are gone.
import net, { type Server, type Socket } from 'node:net';

export interface ConnectionManagerOptions {
  /** Close a connection that has been silent this long. */
  idleTimeoutMs: number;
  /** Close a connection that has sent nothing this long after connecting. */
  firstDataTimeoutMs: number;
  /** After end(), how long a peer has to answer with its own FIN before the socket is destroyed. */
  closeGraceMs: number;
  log?: (line: string) => void;
}

export interface ConnectionRecord {
  readonly id: number;
  readonly socket: Socket;
  readonly connectedAt: number;
  lastActivityAt: number;
  closing: boolean;
}

export class ConnectionManager {
  readonly server: Server;
  readonly #connections = new Map<number, ConnectionRecord>();
  readonly #options: ConnectionManagerOptions;
  #nextId = 1;

  constructor(options: ConnectionManagerOptions) {
    this.#options = options;
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', (error: Error) => this.log(`server: ${error.message}`));
  }

  get size(): number {
    return this.#connections.size;
  }

  records(): IterableIterator<ConnectionRecord> {
    return this.#connections.values();
  }

  /** Stops accepting, closes every connection, and resolves once the last one is closed. */
  shutdown(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const record of this.#connections.values()) this.close(record, 'shutting down');
    return closed;
  }

  private accept(socket: Socket): void {
    const id = this.#nextId++;
    const now = Date.now();
    const record: ConnectionRecord = { id, socket, connectedAt: now, lastActivityAt: now, closing: false };
    this.#connections.set(id, record);
    socket.on('close', () => this.#connections.delete(id));
    socket.on('error', (error: NodeJS.ErrnoException) => this.log(`#${id}: ${error.code ?? error.message}`));

    const { firstDataTimeoutMs, idleTimeoutMs } = this.#options;
    const firstDataTimer = setTimeout(() => this.close(record, `no data within ${firstDataTimeoutMs} ms`), firstDataTimeoutMs);
    socket.once('data', () => clearTimeout(firstDataTimer));
    socket.once('close', () => clearTimeout(firstDataTimer));

    socket.setTimeout(idleTimeoutMs);
    socket.on('timeout', () => this.close(record, `idle for ${idleTimeoutMs} ms`));

    socket.on('data', (chunk: Buffer) => {
      record.lastActivityAt = Date.now();
      socket.write(`#${id} ${chunk.length}\n`);
    });
  }

  /** Ends the connection politely, and destroys it if the peer does not close within the grace period. */
  private close(record: ConnectionRecord, reason: string): void {
    const { socket, id } = record;
    if (record.closing || socket.destroyed) return;
    record.closing = true;
    this.log(`closing #${id}: ${reason}`);
    socket.end();
    // A dead peer never answers our FIN: without this the socket would stay half-open for ever.
    const fallback = setTimeout(() => {
      if (!socket.destroyed) {
        this.log(`destroying #${id}: no FIN within ${this.#options.closeGraceMs} ms`);
        socket.destroy();
      }
    }, this.#options.closeGraceMs);
    socket.once('close', () => clearTimeout(fallback));
  }

  private log(line: string): void {
    this.#options.log?.(line);
  }
}
