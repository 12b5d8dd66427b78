// One GET of a status endpoint with node:http/https, and one clear line for every way it can fail.
// Redirects are never followed: the headers and token given here are meant for this URL's origin only.
import * as http from 'node:http';
import * as https from 'node:https';

/** A status body larger than this is not a status body; reading stops at the limit. */
export const MAX_STATUS_BYTES = 5 * 1024 * 1024;

export interface StatusRequest {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBytes?: number;
}

export type StatusResponse =
  | { ok: true; body: unknown; bytes: number }
  | { ok: false; problem: string };

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

    const outgoing = transport.get(url, {
      headers: { accept: 'application/json', ...request.headers },
    });
    // One deadline for the whole exchange (connect, headers and body), not per socket inactivity.
    const timer = setTimeout(() => {
      finish({ ok: false, problem: `timed out after ${request.timeoutMs} ms` });
      outgoing.destroy();
    }, request.timeoutMs);

    outgoing.on('error', (error) => {
      finish({ ok: false, problem: describeRequestError(error, url) });
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
        fail(`HTTP ${status}${incoming.statusMessage ? ` ${incoming.statusMessage}` : ''}`);
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
