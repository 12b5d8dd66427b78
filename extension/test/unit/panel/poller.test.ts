// The poller against a real HTTP server on loopback, with a manual clock: intervals and backoff are
// stepped through, not waited for.
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, StatusPoller, type PollOutcome, type PollReport } from '../../../src/panel/poller.js';
import { requestStatus } from '../../../src/panel/status-request.js';
import { closedPort, ManualClock, Queue, sendJson, startServer, statusReport, type TestServer } from './helpers.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function pollerFor(url: () => string, intervalMs = 2000, timeoutMs = 1000) {
  const clock = new ManualClock();
  const reports = new Queue<PollReport<unknown>>();
  const poller = new StatusPoller<unknown>({
    clock,
    intervalMs: () => intervalMs,
    poll: async (): Promise<PollOutcome<unknown>> => {
      const response = await requestStatus({ url: url(), headers: {}, timeoutMs });
      return response.ok ? { ok: true, value: response.body } : { ok: false, problem: response.problem };
    },
    onReport: reports.push,
  });
  cleanups.push(() => poller.stop());
  return { clock, reports, poller };
}

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  cleanups.push(() => server.close());
  return server;
}

describe('backoffDelay', () => {
  it('doubles from the interval and stops at 30 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((failures) => backoffDelay(2000, failures))).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(10_000, 1)).toBe(20_000);
    expect(backoffDelay(60_000, 1)).toBe(60_000);
  });
});

describe('StatusPoller', () => {
  it('polls at once, then once per interval after each answer', async () => {
    const server = await serve((_request, response) => sendJson(response, statusReport()));
    const { clock, reports, poller } = pollerFor(() => server.url);
    poller.start();
    const first = await reports.next();
    expect(first.outcome.ok).toBe(true);
    expect(first.nextDelayMs).toBe(2000);
    expect(clock.pendingDelay).toBe(2000);

    clock.advance(1999);
    expect(server.requests).toHaveLength(1);
    clock.advance(1);
    await reports.next();
    expect(server.requests).toHaveLength(2);
    expect(clock.pendingDelay).toBe(2000);
  });

  it('never has two requests in flight', async () => {
    const held: (() => void)[] = [];
    const server = await serve((_request, response) => {
      held.push(() => sendJson(response, statusReport()));
    });
    const { clock, reports, poller } = pollerFor(() => server.url);
    poller.start();
    await expect.poll(() => server.requests.length).toBe(1);
    // Asking again, and letting any amount of time pass, while the first request is unanswered.
    poller.pollNow();
    poller.pollNow();
    poller.reschedule();
    clock.advance(60_000);
    expect(clock.armedTimers).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);

    held.shift()?.();
    await reports.next();
    poller.pollNow();
    await expect.poll(() => server.requests.length).toBe(2);
    held.shift()?.();
    await reports.next();
    expect(server.maxConcurrent).toBe(1);
  });

  it('backs off exponentially up to 30 s while the endpoint is down, then recovers at the normal rate', async () => {
    let healthy = false;
    const server = await serve((_request, response) => {
      if (healthy) sendJson(response, statusReport());
      else {
        response.writeHead(500, 'Internal Server Error');
        response.end();
      }
    });
    const { clock, reports, poller } = pollerFor(() => server.url);
    poller.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const report = await reports.next();
      expect(report.outcome).toEqual({ ok: false, problem: 'HTTP 500 Internal Server Error' });
      expect(report.failures).toBe(attempt + 1);
      delays.push(report.nextDelayMs);
      expect(clock.pendingDelay).toBe(report.nextDelayMs);
      if (attempt < 5) clock.advance(report.nextDelayMs);
    }
    expect(delays).toEqual([4000, 8000, 16_000, 30_000, 30_000, 30_000]);

    healthy = true;
    clock.advance(30_000);
    const recovered = await reports.next();
    expect(recovered.outcome.ok).toBe(true);
    expect(recovered.failures).toBe(0);
    expect(recovered.nextDelayMs).toBe(2000);
    expect(clock.pendingDelay).toBe(2000);
  });

  it('backs off when nothing listens and picks up when the server comes back on that port', async () => {
    const port = await closedPort();
    const { clock, reports, poller } = pollerFor(() => `http://127.0.0.1:${port}/status`, 250);
    poller.start();
    const down = await reports.next();
    expect(down.outcome).toEqual({ ok: false, problem: `unreachable: ECONNREFUSED 127.0.0.1:${port}` });
    expect(down.nextDelayMs).toBe(500);

    const server = await import('node:http').then(({ createServer }) => createServer((_request, response) => sendJson(response, statusReport())));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    clock.advance(500);
    const up = await reports.next();
    expect(up.outcome.ok).toBe(true);
    expect(up.nextDelayMs).toBe(250);
  });

  it('counts a timeout as a failure', async () => {
    const server = await serve(() => {
      // Never answers.
    });
    const { reports, poller } = pollerFor(() => server.url, 2000, 100);
    poller.start();
    const report = await reports.next();
    expect(report.outcome).toEqual({ ok: false, problem: 'timed out after 100 ms' });
    expect(report.nextDelayMs).toBe(4000);
  });

  it('re-arms from the last answer when the interval changes', async () => {
    const server = await serve((_request, response) => sendJson(response, statusReport()));
    let interval = 10_000;
    const clock = new ManualClock();
    const reports = new Queue<PollReport<unknown>>();
    const poller = new StatusPoller<unknown>({
      clock,
      intervalMs: () => interval,
      poll: async () => {
        const response = await requestStatus({ url: server.url, headers: {}, timeoutMs: 1000 });
        return response.ok ? { ok: true, value: response.body } : { ok: false, problem: response.problem };
      },
      onReport: reports.push,
    });
    cleanups.push(() => poller.stop());
    poller.start();
    await reports.next();
    expect(clock.pendingDelay).toBe(10_000);
    clock.advance(3000);
    interval = 2000;
    poller.reschedule();
    // 3 s have passed since the answer: the faster rate is already due.
    expect(clock.pendingDelay).toBe(0);
    clock.advance(0);
    await reports.next();
    expect(clock.pendingDelay).toBe(2000);
  });

  it('stops: no timer stays armed and a late answer is dropped', async () => {
    const held: (() => void)[] = [];
    const server = await serve((_request, response) => held.push(() => sendJson(response, statusReport())));
    const { clock, reports, poller } = pollerFor(() => server.url);
    poller.start();
    await expect.poll(() => server.requests.length).toBe(1);
    poller.stop();
    held.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reports.size).toBe(0);
    expect(clock.armedTimers).toBe(0);
  });
});
