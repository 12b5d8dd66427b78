// One GET of a status endpoint (or the POST of "Explain retention") with node:http/https, and one clear line
// for every way it can fail. Redirects are never followed: the headers and token given here are meant for
// this URL's origin only. A refusal's JSON `{ "error": "…" }` is read and its reason kept.
import * as http from 'node:http';
import * as https from 'node:https';

/** A status body larger than this is not a status body; reading stops at the limit. */
export const MAX_STATUS_BYTES = 5 * 1024 * 1024;
/** A refusal's body is a one-line reason; more is not read. */
const MAX_ERROR_BYTES = 64 * 1024;

export interface StatusRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes?: number;
  /** GET unless said otherwise; a POST sends no body. */
  method?: 'GET' | 'POST';
  /** Aborts the request (a cancelled progress notification). */
  signal?: AbortSignal;
}

export type StatusResponse =
  | { ok: true; body: unknown; bytes: number }
  | {
      ok: false;
      problem: string;
      /** The HTTP status of a refusal, when there was an answer. */
      httpStatus?: number;
      /** The refusal's own reason, from its JSON `{ "error" }` body. */
      reason?: string;
      timedOut?: boolean;
    };

/** The `error` string of a refusal's JSON body, on one line and at most 300 characters. */
export function refusalReason(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null) return undefined;
    const error = (body as { error?: unknown }).error;
    if (typeof error !== 'string' || error.trim() === '') return undefined;
    return error.replace(/\s+/g, ' ').trim().slice(0, 300);
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${bytes} bytes`;
}

/** "unreachable: ECONNREFUSED 127.0.0.1:9000", "DNS lookup failed: ENOTFOUND status.invalid", ... */
export function describeRequestError(error: NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string }, url: URL): string {
  const code = error.code ?? 'ERROR';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `DNS lookup failed: ${code} ${error.hostname ?? url.hostname}`;
  }
  const target = error.address !== undefined && error.port !== undefined ? `${error.address}:${error.port}` : url.host;
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET') {
    return `unreachable: ${code} ${target}`;
  }
  return `request failed: ${code} ${error.message}`;
}

export function requestStatus(request: StatusRequest): Promise<StatusResponse> {
  const maxBytes = request.maxBytes ?? MAX_STATUS_BYTES;
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ ok: false, problem: `not a URL: ${request.url}` });
      return;
    }
    const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (transport === undefined) {
      resolve({ ok: false, problem: `only http and https URLs are polled, not ${url.protocol}` });
      return;
    }

    let settled = false;
    const finish = (response: StatusResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(response);
    };

    const method = request.method ?? 'GET';
    const outgoing = transport.request(url, {
      method,
      headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-length': '0' } : {}), ...request.headers },
      signal: request.signal,
    });
    outgoing.end();
    // One deadline for the whole exchange (connect, headers and body), not per socket inactivity.
    const timer = setTimeout(() => {
      finish({ ok: false, problem: `timed out after ${request.timeoutMs} ms`, timedOut: true });
      outgoing.destroy();
    }, request.timeoutMs);

    outgoing.on('error', (error) => {
      if (request.signal?.aborted === true) finish({ ok: false, problem: 'cancelled' });
      else finish({ ok: false, problem: describeRequestError(error, url) });
    });

    outgoing.on('response', (incoming) => {
      const status = incoming.statusCode ?? 0;
      const fail = (problem: string): void => {
        finish({ ok: false, problem });
        incoming.destroy();
      };
      if (status >= 300 && status < 400) {
        const location = incoming.headers.location;
        let target = 'an unknown location';
        if (location !== undefined) {
          try {
            target = new URL(location, url).host;
          } catch {
            target = location;
          }
        }
        fail(`redirect to ${target} not followed (HTTP ${status})`);
        return;
      }
      if (status < 200 || status >= 300) {
        const line = `HTTP ${status}${incoming.statusMessage ? ` ${incoming.statusMessage}` : ''}`;
        // Read the reason a refusal gives, up to a small limit; without one the status line says it all.
        const chunks: Buffer[] = [];
        let received = 0;
        const refuse = (): void => {
          const reason = refusalReason(Buffer.concat(chunks).toString('utf8'));
          finish({ ok: false, problem: reason === undefined ? line : `${line}: ${reason}`, httpStatus: status, ...(reason === undefined ? {} : { reason }) });
          incoming.destroy();
        };
        incoming.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received <= MAX_ERROR_BYTES) chunks.push(chunk);
          else refuse();
        });
        incoming.on('end', refuse);
        incoming.on('error', refuse);
        incoming.on('close', refuse);
        return;
      }
      const declaredLength = Number(incoming.headers['content-length']);
      if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
        fail(`response of ${formatBytes(declaredLength)} is over the ${formatBytes(maxBytes)} limit, not read`);
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      incoming.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) {
          fail(`response over the ${formatBytes(maxBytes)} limit, stopped reading`);
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('error', (error) => {
        fail(`response broke off: ${error.message}`);
      });
      incoming.on('close', () => {
        // Closed without 'end' (and without 'error'): the body is incomplete.
        if (!incoming.complete) fail('response broke off before its end');
      });
      incoming.on('end', () => {
        if (settled) return;
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          finish({ ok: true, body: JSON.parse(text) as unknown, bytes: received });
        } catch (error) {
          const type = incoming.headers['content-type'];
          const reason = error instanceof Error ? error.message : String(error);
          finish({ ok: false, problem: `not JSON${type ? ` (${type})` : ''}: ${reason.slice(0, 120)}` });
        }
      });
    });
  });
}
