import type { Server as HttpServer } from 'node:http';
import type { Server, Socket } from 'node:net';

/** A tracked connection: the socket itself, or the program's record holding it (times from Date.now()). */
export type TrackedConnection =
  | Socket
  | { socket: Socket; id?: string | number; connectedAt?: number; lastActivityAt?: number };

export interface StatusOptions {
  /** The program's own collection: its size is `activeConnections`. */
  connections: () => Iterable<TrackedConnection>;
  /** The program's server: `openSockets` is its `getConnections()`. */
  server?: Server;
  /** The main port to print, for a program that keeps its server to itself (`openSockets` then counts the tracked sockets still open). */
  port?: number;
  /** More fields to merge into the response. */
  extra?: () => Record<string, unknown>;
}

/** Serves GET /status on 127.0.0.1:$STATUS_PORT and prints `ready: port=<P> status=<url>` once listening. */
export declare function serveStatus(options: StatusOptions): HttpServer;

