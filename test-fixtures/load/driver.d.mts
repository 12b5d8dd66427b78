// Types for driver.mjs, so the TypeScript tests can call the driver in-process.

export type LoadMode = 'fin' | 'reset' | 'idle' | 'mixed';

export interface LoadOptions {
  port: number;
  /** 1..2000; default 20. */
  connections?: number;
  /** How each connection ends: FIN, RST, idling until the server closes it; mixed = round-robin of the three. Default fin. */
  mode?: LoadMode;
  /** Loopback only (127.x.x.x, ::1, localhost); default 127.0.0.1. */
  host?: string;
  /** How long an idle connection waits for the server before giving up; default 5000 for idle/mixed. */
  holdMs?: number;
  /** Hard bound on the whole run; default 30000, at most 120000. */
  deadlineMs?: number;
  /** Written once on each connection after connecting; '' writes nothing. Default 'hello\n'. */
  payload?: string;
  /** Idle clients play a dead peer: they never answer the server's FIN. */
  halfOpen?: boolean;
  /** Stops the run at once: every connection is destroyed. */
  signal?: AbortSignal;
  /** Awaited after every connection is open and its payload flushed, before any is ended. */
  beforeEnding?: () => Promise<unknown>;
}

export interface LoadSummary {
  mode: LoadMode;
  host: string;
  port: number;
  requested: number;
  opened: number;
  failedToOpen: number;
  endedWithFin: number;
  reset: number;
  closedByServer: number;
  heldToLimit: number;
  errors: Record<string, number>;
  aborted: boolean;
  timedOut: boolean;
  ms: number;
}

export declare const MAX_CONNECTIONS: number;
export declare const MAX_DEADLINE_MS: number;
export declare const MODES: readonly LoadMode[];
export declare function loopbackHost(host: string): string;
export declare function runLoad(options: LoadOptions): Promise<LoadSummary>;
