// "Explain retention" against real HTTP servers on 127.0.0.1 that answer as the probe would, or refuse.
import { afterEach, describe, expect, it } from 'vitest';
import { requestRetention, retentionUrl, type RetentionAnswer } from '../../../src/panel/retention.js';
import { validateRetention } from '../../../src/panel/status-schema.js';
import { sendJson, startServer, type Handler, type TestServer } from './helpers.js';

const servers: TestServer[] = [];
async function serve(handle: Handler): Promise<TestServer> {
  const server = await startServer(handle);
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const ANSWER: RetentionAnswer = {
  retainedAfterClose: 20,
  groups: [{ count: 20, path: ['(module scope of leaky.js)', 'clients (Set)', 'Socket'], location: '/work/fixtures/set-no-removal/leaky.js:1' }],
};

function explain(server: TestServer, timeoutMs = 5000) {
  return requestRetention({ statusUrl: server.url, headers: { authorization: 'Bearer t0ken' }, validate: validateRetention, timeoutMs });
}

describe('retentionUrl', () => {
  it('is the sibling of the status path', () => {
    expect(retentionUrl('http://127.0.0.1:9400/status')).toBe('http://127.0.0.1:9400/retention');
    expect(retentionUrl('http://127.0.0.1:9400/app/status?closeWait=kernel')).toBe('http://127.0.0.1:9400/app/retention');
  });
});

describe('requestRetention', () => {
  it('POSTs to /retention with the endpoint headers and returns the checked answer', async () => {
    const server = await serve((request, response) => {
      if (request.method !== 'POST' || request.url !== '/retention') return sendJson(response, { error: 'wrong' }, 400);
      sendJson(response, ANSWER);
    });
    expect(await explain(server)).toEqual({ ok: true, answer: ANSWER });
    expect(server.requests[0]?.method).toBe('POST');
    expect(server.requests[0]?.headers.authorization).toBe('Bearer t0ken');
  });

  const refusals: [number, string, RegExp][] = [
    [405, 'use POST', /^the endpoint has no POST \/retention \(HTTP 405\): it is not the Socket Hygiene probe, or an older one \(use POST\)$/],
    [409, 'a retention analysis is already running', /^an analysis is already running in that program; try again when it is done \(a retention analysis is already running\)$/],
    [413, 'heap 700 MiB is over the 512 MiB limit', /^the heap is over the probe's limit \(SOCKET_HYGIENE_RETENTION_MAX_HEAP in the program's environment\) \(heap 700 MiB is over the 512 MiB limit\)$/],
    [503, 'the analysis process exited with code 1', /^the analysis could not run \(the analysis process exited with code 1\)$/],
    [401, 'missing or wrong bearer token', /^not allowed: the endpoint wants a token/],
    [500, 'boom', /^HTTP 500 Internal Server Error: boom$/],
  ];
  for (const [status, reason, expected] of refusals) {
    it(`says what HTTP ${status} means, with the endpoint's own reason`, async () => {
      const server = await serve((_request, response) => sendJson(response, { error: reason }, status));
      const result = await explain(server);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.problem).toMatch(expected);
    });
  }

  it('still says what a refusal means when its body is not JSON', async () => {
    const server = await serve((_request, response) => {
      response.writeHead(409, { 'content-type': 'text/html' });
      response.end('<h1>busy</h1>');
    });
    expect(await explain(server)).toEqual({ ok: false, problem: 'an analysis is already running in that program; try again when it is done' });
  });

  it('gives up after its timeout and says the program goes on', async () => {
    const server = await serve(() => {
      // Never answers, like an analysis that hangs.
    });
    expect(await explain(server, 200)).toEqual({ ok: false, problem: 'no answer within 200 ms; the program goes on, the analysis may still finish there' });
  });

  it('names the wrong field of a malformed answer', async () => {
    const server = await serve((_request, response) => sendJson(response, { retainedAfterClose: 3, groups: [{ count: '3', path: 'clients' }] }));
    const result = await explain(server);
    expect(result).toEqual({ ok: false, problem: 'invalid retention answer: groups[0].count: must be integer (and 1 more)' });
  });

  it('refuses an answer that is not JSON, or over the 5 MB limit', async () => {
    const html = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>proxy login</html>');
    });
    const notJson = await explain(html);
    expect(!notJson.ok && notJson.problem).toMatch(/^not JSON \(text\/html\)/);

    const huge = await serve((_request, response) => {
      const path = Array.from({ length: 60_000 }, () => 'x'.repeat(90));
      sendJson(response, { retainedAfterClose: 1, groups: [{ count: 1, path, location: null }] });
    });
    expect(await explain(huge)).toEqual({ ok: false, problem: 'response of 5 MB is over the 5 MB limit, not read' });
  });
});
