// Issue 13 in the real VS Code, as a person sees it: retained after close beside the active count, the
// Sources group, a source row that opens its line, "Explain Retention" rendering the chain that holds the
// sockets, and a lint finding of the fixture showing its live count while attached and not after detach.
// The endpoint is a status/retention server of our own on 127.0.0.1 that serves contract-shaped bodies
// (RUNTIME-CONTRACT.md) naming the fixtures' own lines; each test ends with a screenshot to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { repoRoot } from '../harness/paths.mjs';
import { activeTab, openActivityBarView, runCommand, viewPane } from '../harness/workbench.mjs';

export const suite = 'retention';

const SET_FIXTURE = 'set-no-removal/leaky.js';
const ERROR_FIXTURE = 'socket-without-error-listener/leaky.js';
const fixtureText = (relative) => readFileSync(path.join(repoRoot, 'test-fixtures', relative), 'utf8');

export const workspace = {
  '.vscode/settings.json': JSON.stringify({ 'socketHygiene.pollIntervalMs': 250, 'socketHygiene.idleLimitSeconds': 3600 }, null, 2),
  [SET_FIXTURE]: fixtureText(SET_FIXTURE),
  [ERROR_FIXTURE]: fixtureText(ERROR_FIXTURE),
  'lib/status-endpoint.cjs': fixtureText('lib/status-endpoint.cjs'),
};

/** `file:line:column` of the first occurrence of `needle` in a workspace file, as the probe names it. */
function locationOf(folder, relative, needle) {
  const lines = fixtureText(relative).split('\n');
  const index = lines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${relative} has no ${needle}`);
  return { location: `${path.join(folder, relative)}:${index + 1}:${lines[index].indexOf(needle) + 1}`, line: index + 1 };
}

const running = new Set();
process.on('exit', () => {
  for (const stop of running) stop();
});

/** Serves /status (counts the test may change) and POST /retention, both in the contract's shape. */
async function startContractServer(folder) {
  const setServer = locationOf(folder, SET_FIXTURE, 'net.createServer');
  const errorServer = locationOf(folder, ERROR_FIXTURE, 'net.createServer');
  const state = { withoutErrorListener: 4, retained: 20, retentionRequests: [] };
  const server = http.createServer((request, response) => {
    const send = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/retention') {
      state.retentionRequests.push(request.method);
      if (request.method !== 'POST') return send(405, { error: 'use POST' });
      return send(200, {
        retainedAfterClose: state.retained,
        groups: [
          { count: state.retained, path: ['(module scope of leaky.js)', 'clients (Set)', 'Socket'], location: `${path.join(folder, SET_FIXTURE)}:1` },
          { count: 1, path: ['history (Array)', 'Socket'], location: `${path.join(folder, SET_FIXTURE)}:1` },
        ],
      });
    }
    send(200, {
      schema: 1,
      activeConnections: 6,
      memory: { rss: 60_000_000, heapTotal: 30_000_000, heapUsed: 12_000_000, external: 1_000_000 },
      uptime: 42,
      pid: 4242,
      connections: [],
      retainedAfterClose: state.retained,
      retainedAfterCloseCheckedAt: new Date(Date.now() - 5000).toISOString(),
      closeWaitMethod: 'socket-state',
      sources: [
        { location: errorServer.location, kind: 'server', active: 4, retainedAfterClose: 0, withoutErrorListener: state.withoutErrorListener, idleOverTimeout: 0, closeWait: 0 },
        { location: setServer.location, kind: 'server', active: 2, retainedAfterClose: state.retained, withoutErrorListener: 0, idleOverTimeout: 0, closeWait: 0 },
        { location: '/usr/lib/node_modules/some-pool/index.js:12:3', kind: 'client', active: 0, retainedAfterClose: 0, withoutErrorListener: 0, idleOverTimeout: 0, closeWait: 0 },
      ],
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => {
    server.closeAllConnections();
    server.close();
  };
  running.add(stop);
  return { url: `http://127.0.0.1:${server.address().port}/status`, state, setServer, errorServer, stop };
}

function treeRows(page) {
  return viewPane(page, 'Live Connections').locator('.monaco-list-row');
}

/** The first tree row whose text holds every given text. */
function row(page, ...texts) {
  return texts.reduce((rows, text) => rows.filter({ hasText: text }), treeRows(page)).first();
}

/** Widens the side bar by dragging its edge, so the screenshots show the rows' descriptions whole. */
async function widenSideBar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box === null || box.width >= width) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge - 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + width, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

function codeLens(page, text) {
  return page.locator('.editor-group-container.active .monaco-editor .codelens-decoration', { hasText: text }).first();
}

/**
 * Clicks a row and waits for the editor to show `line`. Known limitation: a click that moves the focus from
 * the editor into the tree may only focus it (the tree reports no selection to the extension), so a second
 * click is allowed; more are a failure. Opening on selection (register.ts) does not cover that click: with
 * one click after "Focus Active Editor Group", 2 of 3 runs (load 8-11) failed with the row focused, not selected.
 */
async function openFromRow(page, rowLocator, line) {
  const cursor = page.locator('.part.statusbar .statusbar-item', { hasText: `Ln ${line}, Col` });
  for (let attempt = 1; ; attempt += 1) {
    await rowLocator.click();
    try {
      await cursor.waitFor({ timeout: 5000 });
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** Attaches through the command; with recently used URLs a pick list comes first ("Enter a URL…"). */
async function attach(page, url) {
  await runCommand(page, 'Socket Hygiene: Attach to Status Endpoint');
  const input = page.locator('.quick-input-widget input');
  const prompt = page.locator('.quick-input-widget', { hasText: 'The URL of a status endpoint' });
  const newUrl = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Enter a URL…' });
  await prompt.or(newUrl).first().waitFor();
  if (await newUrl.isVisible()) {
    await newUrl.click();
    await prompt.waitFor();
  }
  await input.fill(url);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

const state = {};

export const tests = [
  {
    title: 'shows retained after close beside the active count, and the Sources group worst first',
    timeoutMs: 60_000,
    async run({ page, folder }) {
      mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      state.server = await startContractServer(folder);
      await openActivityBarView(page, 'Socket Hygiene');
      await widenSideBar(page, 760);
      await attach(page, state.server.url);
      const { host } = new URL(state.server.url);
      await row(page, host, '6 · 20 retained after close').waitFor();
      await row(page, 'Retained after close', 'as of a GC at').waitFor();
      await row(page, 'Sources', '3 locations, worst first').waitFor();
      const sources = await treeRows(page).allInnerTexts();
      const order = ['set-no-removal/leaky.js:', 'socket-without-error-listener/leaky.js:', 'index.js:12'].map((label) => sources.findIndex((text) => text.includes(label)));
      if (order.some((index) => index < 0) || !(order[0] < order[1] && order[1] < order[2])) throw new Error(`sources not worst first: ${JSON.stringify(sources)}`);
      await row(page, 'index.js:12', 'outside the workspace').waitFor();
    },
  },
  {
    title: 'clicking a source opens its file at the line',
    async run({ page }) {
      await openFromRow(page, row(page, `set-no-removal/leaky.js:${state.server.setServer.line}`), state.server.setServer.line);
      await activeTab(page, 'leaky.js').waitFor();
      await page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'const clients = new Set();' }).waitFor();
    },
  },
  {
    title: 'a lint finding of the fixture shows its live count, updated with each poll',
    async run({ page }) {
      // The Sources row of that fixture's server leads there.
      await openFromRow(page, row(page, `socket-without-error-listener/leaky.js:${state.server.errorServer.line}`), state.server.errorServer.line);
      await codeLens(page, "live: 4 of 4 sockets from here without an 'error' listener").waitFor();
      state.server.state.withoutErrorListener = 3;
      await codeLens(page, "live: 3 of 4 sockets from here without an 'error' listener").waitFor();
    },
  },
  {
    title: 'Explain Retention on the endpoint row renders the chain and marks a collection without a lint finding',
    async run({ page }) {
      const { host } = new URL(state.server.url);
      const endpoint = row(page, host);
      await endpoint.hover();
      await endpoint.locator('.actions .action-label[aria-label^="Explain Retention"]').click();
      await row(page, 'Retention', '20 retained after close · 2 chains').waitFor();
      await row(page, '(module scope of leaky.js) → clients (Set) → Socket', '20 sockets · set-no-removal/leaky.js:1').waitFor();
      await row(page, 'history (Array) → Socket', 'no lint finding here').waitFor();
      if (JSON.stringify(state.server.state.retentionRequests) !== '["POST"]') throw new Error(`retention requests: ${state.server.state.retentionRequests}`);
      await openFromRow(page, row(page, `set-no-removal/leaky.js:${state.server.setServer.line}`), state.server.setServer.line);
      await codeLens(page, 'retained: 20 closed sockets held by (module scope of leaky.js) → clients (Set) → Socket').waitFor();
      await codeLens(page, 'live: 20 closed sockets from here still reachable').waitFor();
    },
  },
  {
    title: 'the live counts are gone after detach',
    async run({ page }) {
      await runCommand(page, 'Socket Hygiene: Detach');
      const { host } = new URL(state.server.url);
      await row(page, host).waitFor({ state: 'detached' });
      await page.locator('.editor-group-container.active .monaco-editor .codelens-decoration', { hasText: 'retained:' }).waitFor({ state: 'detached' });
      await page.locator('.editor-group-container.active .monaco-editor .codelens-decoration', { hasText: 'live:' }).waitFor({ state: 'detached' });
      const errors = await page.locator('.notifications-toasts .notification-toast', { hasText: 'command not found' }).count();
      if (errors > 0) throw new Error(`${errors} "command not found" notifications`);
      state.server.stop();
      running.delete(state.server.stop);
    },
  },
];
