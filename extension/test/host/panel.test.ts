// The Live Connections panel's requests, seen from the status endpoint's side, in a real VS Code: the
// commands and settings drive the extension; a status server on 127.0.0.1 records what reaches it.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { activateExtension } from './extension-under-test.js';

const viewId = 'socketHygiene.liveConnections';

interface RecordedRequest {
  headers: http.IncomingHttpHeaders;
  startedAt: number;
  endedAt?: number;
}

interface StatusServer {
  url: string;
  requests: RecordedRequest[];
  maxConcurrent: number;
  close(): Promise<void>;
}

function statusBody(count: number): string {
  return JSON.stringify({
    activeConnections: count,
    memory: { rss: 50_000_000, heapTotal: 20_000_000, heapUsed: 10_000_000, external: 1_000_000 },
    uptime: 10,
    connections: Array.from({ length: count }, (_, index) => ({ remote: `127.0.0.1:${50_000 + index}`, bytesRead: 1, bytesWritten: 2, bufferSize: 0 })),
  });
}

/** A status endpoint that answers after `delayMs`, or with `answer` when given. */
async function startStatusServer(options: { delayMs?: number; answer?: (response: http.ServerResponse) => void } = {}): Promise<StatusServer> {
  let open = 0;
  const requests: RecordedRequest[] = [];
  const state = { maxConcurrent: 0 };
  const server = http.createServer((request, response) => {
    const recorded: RecordedRequest = { headers: request.headers, startedAt: Date.now() };
    requests.push(recorded);
    open += 1;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    response.on('close', () => {
      open -= 1;
      recorded.endedAt = Date.now();
    });
    setTimeout(() => {
      if (options.answer) options.answer(response);
      else response.writeHead(200, { 'content-type': 'application/json' }).end(statusBody(3));
    }, options.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status`,
    requests,
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls a condition that VS Code and the panel fulfil on their own time, bounded. */
async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Lets `ms` pass to show that something does NOT happen; the only kind of fixed wait here. */
function observe(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const settled = (server: StatusServer): boolean => server.requests.every((request) => request.endedAt !== undefined);

describe('Live Connections panel', () => {
  const servers: StatusServer[] = [];
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('socketHygiene');

  before(async () => {
    await activateExtension();
    await config().update('pollIntervalMs', 250, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(`${viewId}.focus`);
  });

  afterEach(async () => {
    for (const server of servers.splice(0)) {
      await vscode.commands.executeCommand('socketHygiene.detach', server.url);
      await server.close();
    }
    await config().update('endpoints', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('pollIntervalMs', undefined, vscode.ConfigurationTarget.Global);
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['attach', 'detach', 'togglePolling', 'copySnapshot', 'setEndpointToken']) {
      assert.ok(commands.includes(`socketHygiene.${command}`), `socketHygiene.${command} is registered`);
    }
  });

  it('polls an attached endpoint at pollIntervalMs, never two requests at once', async () => {
    // Answers take longer than the interval: the next request must still wait for the answer.
    const server = await startStatusServer({ delayMs: 400 });
    servers.push(server);
    await vscode.commands.executeCommand('socketHygiene.attach', server.url);
    await waitFor(() => server.requests.filter((request) => request.endedAt).length >= 4, '4 answered requests');
    assert.equal(server.maxConcurrent, 1);
    const answered = server.requests.filter((request) => request.endedAt !== undefined);
    for (let index = 1; index < answered.length; index += 1) {
      const gap = answered[index]!.startedAt - answered[index - 1]!.endedAt!;
      // 250 ms after the previous answer, give or take the timers' granularity.
      assert.ok(gap >= 200, `request ${index} came ${gap} ms after the previous answer`);
    }
  });

  it('sends the settings headers to their own endpoint and does not follow its redirect', async () => {
    const elsewhere = await startStatusServer();
    servers.push(elsewhere);
    const redirecting = await startStatusServer({
      answer: (response) => response.writeHead(302, { location: elsewhere.url.replace('127.0.0.1', 'localhost') }).end(),
    });
    servers.push(redirecting);
    await config().update('endpoints', [{ name: 'redirecting', url: redirecting.url, headers: { 'x-team': 'blue' } }], vscode.ConfigurationTarget.Global);
    await waitFor(() => redirecting.requests.length >= 2, 'two requests to the redirecting endpoint');
    assert.equal(redirecting.requests[0]?.headers['x-team'], 'blue');
    assert.equal(elsewhere.requests.length, 0, 'the redirect target got no request');
  });

  it('stops polling an endpoint once it is detached', async () => {
    const server = await startStatusServer();
    servers.push(server);
    await vscode.commands.executeCommand('socketHygiene.attach', server.url);
    await waitFor(() => server.requests.length >= 2, 'two requests');
    await vscode.commands.executeCommand('socketHygiene.detach', server.url);
    await waitFor(() => settled(server), 'the last request to end');
    const count = server.requests.length;
    await observe(1000);
    assert.equal(server.requests.length, count, 'no request after detaching');
  });

  it('pauses and resumes polling', async () => {
    const server = await startStatusServer();
    servers.push(server);
    await vscode.commands.executeCommand('socketHygiene.attach', server.url);
    await waitFor(() => server.requests.length >= 2, 'two requests');
    await vscode.commands.executeCommand('socketHygiene.togglePolling');
    await waitFor(() => settled(server), 'the last request to end');
    const count = server.requests.length;
    await observe(1000);
    assert.equal(server.requests.length, count, 'no request while paused');
    await vscode.commands.executeCommand('socketHygiene.togglePolling');
    await waitFor(() => server.requests.length >= count + 2, 'requests after resuming');
  });

  it('copies the last report as JSON', async () => {
    const server = await startStatusServer();
    servers.push(server);
    await vscode.commands.executeCommand('socketHygiene.attach', server.url);
    await waitFor(() => server.requests.some((request) => request.endedAt !== undefined), 'an answer');
    // The render after an answer is queued; the snapshot is there once the next request starts.
    await waitFor(() => server.requests.length >= 2, 'a second request');
    await vscode.commands.executeCommand('socketHygiene.copySnapshot', server.url);
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { activeConnections: number; connections: unknown[] };
    assert.equal(copied.activeConnections, 3);
    assert.equal(copied.connections.length, 3);
  });

  it('slows down to 10 s while no view of the container is visible, and speeds up when one is shown', async () => {
    const server = await startStatusServer();
    servers.push(server);
    await vscode.commands.executeCommand('socketHygiene.attach', server.url);
    await waitFor(() => server.requests.length >= 2, 'two requests');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(() => settled(server), 'the last request to end');
    const count = server.requests.length;
    await observe(1500);
    // At most the one request that was already due when the views were hidden.
    assert.ok(server.requests.length <= count + 1, `${server.requests.length - count} requests in 1.5 s while hidden`);
    const hiddenCount = server.requests.length;
    await vscode.commands.executeCommand(`${viewId}.focus`);
    await waitFor(() => server.requests.length >= hiddenCount + 2, 'full-rate requests once the view is shown', 3000);
  });
});
