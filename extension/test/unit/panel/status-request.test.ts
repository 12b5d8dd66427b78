import { afterEach, describe, expect, it } from 'vitest';
import { requestStatus } from '../../../src/panel/status-request.js';
import { closedPort, sendJson, startServer, statusReport, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('requestStatus', () => {
  it('reads the JSON body and sends the endpoint its own headers', async () => {
    const server = await serve((_request, response) => sendJson(response, statusReport({}, 2)));
    const result = await requestStatus({ url: server.url, headers: { authorization: 'Bearer secret' }, timeoutMs: 2000 });
    expect(result.ok).toBe(true);
    expect(result.ok && (result.body as { activeConnections: number }).activeConnections).toBe(2);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer secret');
    expect(server.requests[0]?.headers.accept).toBe('application/json');
  });

  it('says unreachable with the code and address when nothing listens', async () => {
    const port = await closedPort();
    const result = await requestStatus({ url: `http://127.0.0.1:${port}/status`, headers: {}, timeoutMs: 2000 });
    expect(result).toEqual({ ok: false, problem: `unreachable: ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('says when the host name does not resolve', async () => {
    // .invalid never resolves (RFC 2606); offline resolvers answer EAI_AGAIN instead of ENOTFOUND.
    const result = await requestStatus({ url: 'http://status.invalid/status', headers: {}, timeoutMs: 5000 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/^DNS lookup failed: (ENOTFOUND|EAI_AGAIN) status\.invalid$/);
  });

  it('gives up after the timeout when the endpoint never answers', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const started = Date.now();
    const result = await requestStatus({ url: server.url, headers: {}, timeoutMs: 150 });
    expect(result).toEqual({ ok: false, problem: 'timed out after 150 ms', timedOut: true });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports HTTP errors with their status line', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(503, 'Service Unavailable');
      response.end('busy');
    });
    expect(await requestStatus({ url: server.url, headers: {}, timeoutMs: 2000 })).toEqual({ ok: false, problem: 'HTTP 503 Service Unavailable', httpStatus: 503 });
  });

  it('reports a body that is not JSON', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>login</html>');
    });
    const result = await requestStatus({ url: server.url, headers: {}, timeoutMs: 2000 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(/^not JSON \(text\/html\): /);
  });

  it('does not follow a redirect, so headers never reach another host', async () => {
    const elsewhere = await serve((_request, response) => sendJson(response, statusReport()));
    const server = await serve((_request, response) => {
      response.writeHead(302, { location: `http://localhost:${elsewhere.port}/status` });
      response.end();
    });
    const result = await requestStatus({ url: server.url, headers: { authorization: 'Bearer secret' }, timeoutMs: 2000 });
    expect(result).toEqual({ ok: false, problem: `redirect to localhost:${elsewhere.port} not followed (HTTP 302)` });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('stops reading a body over the size limit', async () => {
    let written = 0;
    let closedEarly = false;
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.on('close', () => {
        closedEarly = !response.writableFinished;
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // Streams up to 64 MB unless the client hangs up first.
      const pump = (): void => {
        while (written < 64 * 1024 * 1024 && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    });
    const result = await requestStatus({ url: server.url, headers: {}, timeoutMs: 10_000, maxBytes: 1024 * 1024 });
    expect(result).toEqual({ ok: false, problem: 'response over the 1 MB limit, stopped reading' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('does not read a body whose declared length is over the limit', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 6 * 1024 * 1024 });
      response.write('{');
    });
    const result = await requestStatus({ url: server.url, headers: {}, timeoutMs: 2000 });
    expect(result).toEqual({ ok: false, problem: 'response of 6 MB is over the 5 MB limit, not read' });
  });

  it('refuses URLs that are not http or https', async () => {
    expect(await requestStatus({ url: 'file:///etc/passwd', headers: {}, timeoutMs: 100 })).toEqual({
      ok: false,
      problem: 'only http and https URLs are polled, not file:',
    });
  });
});
