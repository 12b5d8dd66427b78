// The status endpoint's JSON, as described by probe/status.schema.json (extra fields allowed).
// These types are what the schema guarantees after validation; see status-validation.ts.

export interface StatusMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers?: number;
}

export interface StatusConnection {
  remote: string;
  bytesRead: number;
  bytesWritten: number;
  /** The socket's writableLength: bytes buffered and not yet written. */
  bufferSize: number;
  id?: string | number;
  ageMs?: number;
  idleMs?: number;
  /** The probe's view of the socket: 'open', 'half-closed' or 'destroyed'. */
  state?: string;
  hasErrorListener?: boolean;
  timeoutMs?: number;
}

export interface StatusReport {
  /** What the program tracks in its own collection. */
  activeConnections: number;
  /** What the process really has open (server.getConnections()). */
  openSockets?: number;
  memory: StatusMemory;
  uptime: number;
  connections: StatusConnection[];
  pid?: number;
  closeWait?: number;
  withoutErrorListener?: number;
  idleOverTimeout?: number;
}
