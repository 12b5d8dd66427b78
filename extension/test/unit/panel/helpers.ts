// Test helpers for the panel: a real HTTP server on 127.0.0.1 whose answers each test scripts, a
// manual clock for the poller, and a queue that hands over poll reports one by one.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PollClock } from '../../../src/panel/poller.js';
import type { StatusReport } from '../../../src/panel/status-report.js';

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

export interface TestServer {
  url: string;
  port: number;
  /** Requests received so far. */
  requests: http.IncomingMessage[];
  /** The highest number of requests that were open at the same time. */
  maxConcurrent: number;
  handle: Handler;
  close(): Promise<void>;
}

export async function startServer(handle: Handler, path = '/status'): Promise<TestServer> {
  let open = 0;
  const state: TestServer = {
    url: '',
    port: 0,
    requests: [],
    maxConcurrent: 0,
    handle,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((request, response) => {
    state.requests.push(request);
    open += 1;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    response.on('close', () => {
      open -= 1;
    });
    state.handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as AddressInfo).port;
  state.url = `http://127.0.0.1:${state.port}${path}`;
  return state;
}

export function sendJson(response: http.ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** A port nothing listens on: bound once, then closed. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function statusReport(overrides: Partial<StatusReport> = {}, connectionCount = 0): StatusReport {
  return {
    activeConnections: connectionCount,
    memory: { rss: 50_000_000, heapTotal: 20_000_000, heapUsed: 10_000_000, external: 1_000_000 },
    uptime: 12.5,
    connections: Array.from({ length: connectionCount }, (_, index) => ({
      remote: `127.0.0.1:${40_000 + index}`,
      bytesRead: 100 * index,
      bytesWritten: 10 * index,
      bufferSize: 0,
    })),
    ...overrides,
  };
}

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

/** A clock that moves only when the test says so. */
export class ManualClock implements PollClock {
  time = 1_700_000_000_000;
  private timers: Timer[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, due: this.time + ms, callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  /** Milliseconds until the earliest armed timer, or undefined when none is armed. */
  get pendingDelay(): number | undefined {
    const due = this.timers.map((timer) => timer.due);
    return due.length === 0 ? undefined : Math.min(...due) - this.time;
  }

  get armedTimers(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.timers].sort((a, b) => a.due - b.due)[0];
      if (next === undefined || next.due > until) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.time = next.due;
      next.callback();
    }
    this.time = until;
  }
}

/** Hands over values pushed by callbacks, in order, to tests that await them. */
export class Queue<T> {
  private readonly items: T[] = [];
  private readonly waiting: ((item: T) => void)[] = [];

  push = (item: T): void => {
    const waiter = this.waiting.shift();
    if (waiter !== undefined) waiter(item);
    else this.items.push(item);
  };

  next(timeoutMs = 5000): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing arrived within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }

  get size(): number {
    return this.items.length;
  }
}
