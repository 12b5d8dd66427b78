// "Explain retention": POST to the endpoint's /retention, beside its /status, and what the answer or the
// refusal means in words. The probe takes a heap snapshot (the program stops while V8 writes it) and answers
// with names, counts and locations only: which chains of references hold the closed sockets.
import { requestStatus } from './status-request.js';
import type { Validation } from './status-validation.js';

/** A heap snapshot of a large program, parsed outside its main thread, takes a while. */
export const RETENTION_TIMEOUT_MS = 120_000;

export interface RetentionGroup {
  count: number;
  /** From a root to the socket: `["clients (Set)", "Socket"]`. */
  path: string[];
  /** `file:line` of the function whose scope holds the variable, or null. */
  location?: string | null;
}

export interface RetentionAnswer {
  retainedAfterClose: number;
  groups: RetentionGroup[];
}

export type RetentionState =
  | { state: 'running'; startedAt: number }
  | { state: 'done'; at: number; answer: RetentionAnswer }
  | { state: 'failed'; at: number; problem: string };

/** `/retention` next to the status URL's last segment: `http://h:9/app/status` → `http://h:9/app/retention`. */
export function retentionUrl(statusUrl: string): string {
  return new URL('retention', statusUrl).href;
}

/** One sentence for each way "Explain retention" can be refused; `reason` is the endpoint's own words. */
export function describeRetentionRefusal(httpStatus: number, problem: string, reason?: string): string {
  const theirs = reason === undefined ? '' : ` (${reason})`;
  switch (httpStatus) {
    case 401:
    case 403:
      return `not allowed: the endpoint wants a token (Socket Hygiene: Set Endpoint Token…)${theirs}`;
    case 404:
    case 405:
      return `the endpoint has no POST /retention (HTTP ${httpStatus}): it is not the Socket Hygiene probe, or an older one${theirs}`;
    case 409:
      return `an analysis is already running in that program; try again when it is done${theirs}`;
    case 413:
      return `the heap is over the probe's limit (SOCKET_HYGIENE_RETENTION_MAX_HEAP in the program's environment)${theirs}`;
    case 503:
      return `the analysis could not run${theirs}`;
    default:
      return problem;
  }
}

export interface RetentionRequest {
  statusUrl: string;
  headers: Record<string, string>;
  validate: (body: unknown) => Validation<RetentionAnswer> | Promise<Validation<RetentionAnswer>>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Asks once; never throws. The body is capped at 5 MB like a status body, and checked against its schema. */
export async function requestRetention(request: RetentionRequest): Promise<{ ok: true; answer: RetentionAnswer } | { ok: false; problem: string }> {
  const timeoutMs = request.timeoutMs ?? RETENTION_TIMEOUT_MS;
  const response = await requestStatus({
    url: retentionUrl(request.statusUrl),
    method: 'POST',
    headers: request.headers,
    timeoutMs,
    signal: request.signal,
  });
  if (!response.ok) {
    if (response.timedOut === true) {
      const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
      return { ok: false, problem: `no answer within ${limit}; the program goes on, the analysis may still finish there` };
    }
    if (response.httpStatus !== undefined) return { ok: false, problem: describeRetentionRefusal(response.httpStatus, response.problem, response.reason) };
    return { ok: false, problem: response.problem };
  }
  const validation = await request.validate(response.body);
  return validation.ok ? { ok: true, answer: validation.value } : { ok: false, problem: validation.problem };
}
