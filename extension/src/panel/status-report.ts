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
  /** Where the socket comes from: `file:line:column` (see source-location.ts), or null when unknown. */
  source?: string | null;
}

/** One place in the program's code that sockets come from, with the counts of its live sockets. */
export interface StatusSource {
  /** `file:line:column`, `file` an absolute path or a `file://` URL; `"other"` for the folded rest. */
  location: string;
  kind: 'server' | 'client';
  active: number;
  retainedAfterClose: number;
  withoutErrorListener: number;
  idleOverTimeout: number;
  closeWait: number;
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
  /** Closed sockets still reachable after two major GCs that began after their 'close'. */
  retainedAfterClose?: number;
  /** When a major GC last confirmed retainedAfterClose (ISO 8601); null before the first one. */
  retainedAfterCloseCheckedAt?: string | null;
  closeWaitMethod?: 'socket-state' | 'kernel';
  sources?: StatusSource[];
}
