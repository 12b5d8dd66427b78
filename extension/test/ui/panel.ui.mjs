// The Live Connections panel as a person uses it, on the packaged extension: attach to a fixture's status
// endpoint, watch the count follow real connections in the tree, the badge, the status bar and the chart,
// see a stopped server reported and recovered, and see HTML in the endpoint's strings shown as text.
// Every wait is on what the page shows; the fixtures and servers run on 127.0.0.1 and are stopped at the end.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { openActivityBarView, viewPane, webviewFrame } from '../harness/workbench.mjs';
import { repoRoot } from '../harness/paths.mjs';
import { runLoad } from '../../../test-fixtures/load/driver.mjs';

export const suite = 'panel';

// The panel polls at its fastest so that the tests wait on content, not on the interval.
export const workspace = {
  '.vscode/settings.json': JSON.stringify({ 'socketHygiene.pollIntervalMs': 250, 'socketHygiene.idleLimitSeconds': 3600 }, null, 2),
  'server.js': "const net = require('node:net');\n",
};

const INJECTION = '<img src=x onerror="window.__socketHygienePwned=1"><script>window.__socketHygienePwned=2</script>';

/** Processes and servers started here, stopped by the last test and on exit whatever happens. */
const running = new Set();
process.on('exit', () => {
  for (const stop of running) stop();
});

function freePort() {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fixture with its status endpoint on `statusPort`; resolves on its ready line. */
function startFixture(relative, statusPort) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'test-fixtures', relative)], {
    env: { ...process.env, STATUS_PORT: String(statusPort), PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => child.kill('SIGKILL');
  running.add(stop);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${relative} printed no ready line: ${out}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = /ready: port=(\d+) status=(\S+)/.exec(out);
      if (ready) {
        clearTimeout(timer);
        resolve({
          port: Number(ready[1]),
          statusUrl: ready[2],
          stop: () =>
            new Promise((done) => {
              running.delete(stop);
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${relative} exited with ${code}: ${out}`));
    });
  });
}

/** A status endpoint of our own whose strings are HTML. */
async function startInjectionServer() {
  const authorizations = [];
  const server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    const body = {
      activeConnections: 2,
      memory: { rss: 60_000_000, heapTotal: 30_000_000, heapUsed: 12_000_000, external: 1_000_000 },
      uptime: 42,
      connections: [
        { remote: INJECTION, bytesRead: 10, bytesWritten: 20, bufferSize: 0, state: 'open' },
        { remote: '127.0.0.1:5555', bytesRead: 1, bytesWritten: 2, bufferSize: 0, id: INJECTION },
      ],
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const stop = () => server.close();
  running.add(stop);
  return { url: `http://127.0.0.1:${server.address().port}/status`, authorizations, stop };
}

async function attach(page, url) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>Socket Hygiene: Attach to Status Endpoint');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Attach to Status Endpoint' }).first().waitFor();
  await page.keyboard.press('Enter');
  // With recently used URLs a pick list comes first; "Enter a URL…" leads to the input box.
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

async function detach(page, url) {
  const { host, pathname } = new URL(url);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>Socket Hygiene: Detach');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Socket Hygiene: Detach' }).first().waitFor();
  await page.keyboard.press('Enter');
  // With several endpoints a pick list asks which one; with one, it goes at once.
  const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: `${host}${pathname}` }).first();
  const gone = endpointRow(page, url);
  await Promise.race([pick.waitFor().then(() => pick.click()), gone.waitFor({ state: 'detached' })]);
  await gone.waitFor({ state: 'detached' });
}

function treeRows(page) {
  return viewPane(page, 'Live Connections').locator('.monaco-list-row');
}

/** The endpoint row of a status URL: its label is host and path. */
function endpointRow(page, url) {
  const { host, pathname } = new URL(url);
  return treeRows(page).filter({ hasText: `${host}${pathname}` }).first();
}

/** Waits until the endpoint row's description starts with the count (and says live). */
async function waitForCount(page, url, count) {
  const row = endpointRow(page, url);
  // The label runs straight into the description in the row's text: "…/status12 · ▁▃▅ · live".
  await row.filter({ hasText: new RegExp(`(?:^|[^\\d,])${count} · .*live`) }).waitFor({ timeout: 20_000 });
}

function badge(page) {
  return page.locator('.part.activitybar .action-item', { has: page.locator('a[aria-label^="Socket Hygiene"]') }).locator('.badge-content');
}

function statusBarItem(page) {
  return page.locator('.part.statusbar .statusbar-item', { has: page.locator('.codicon-plug, .codicon-debug-disconnect') });
}

async function historyFrame(page) {
  const pane = viewPane(page, 'History');
  await pane.waitFor();
  // The History pane may start collapsed under Live Connections.
  if ((await pane.getAttribute('class'))?.includes('expanded') !== true) await pane.locator('.pane-header').click();
  // A view's webview is laid over its pane from outside the pane's DOM; it is the page's only webview here.
  return webviewFrame(page);
}

/** Switches the colour theme through the workspace settings and waits for the chart to be redrawn in it. */
async function switchTheme(page, folder, theme, workbenchClass, bodyClass) {
  const settingsFile = path.join(folder, '.vscode/settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'workbench.colorTheme': theme }, null, 2));
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor();
  const frame = await historyFrame(page);
  await frame.locator(`body.${bodyClass}`).waitFor();
  await frame.locator('#chart canvas').first().waitFor();
  // The series colour is the theme's charts.blue, resolved for the canvas.
  const stroke = await frame.locator('html').evaluate((html) => html.ownerDocument.defaultView.getComputedStyle(html).getPropertyValue('--vscode-charts-blue').trim());
  assert.notEqual(stroke, '', 'the theme defines charts.blue');
}

/** Waits for something the page reports through an event, bounded. */
async function expectSoon(condition, what, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const state = {};

export const tests = [
  {
    title: 'attaches to a fixture status endpoint and shows its count in the tree, badge and status bar',
    timeoutMs: 60_000,
    async run({ page }) {
      // Whatever the webview or the workbench refuses under the Content-Security-Policy shows up here.
      state.cspViolations = [];
      page.on('console', (message) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text())) state.cspViolations.push(message.text());
        if (message.text() === 'socket-hygiene: console reaches the test') state.webviewConsoleSeen = true;
      });
      state.statusPort = await freePort();
      state.fixture = await startFixture('set-no-removal/clean.js', state.statusPort);
      await openActivityBarView(page, 'Socket Hygiene');
      await viewPane(page, 'Live Connections').getByText('No endpoint attached.').waitFor();
      await attach(page, state.fixture.statusUrl);
      await waitForCount(page, state.fixture.statusUrl, 0);
      await treeRows(page).filter({ hasText: 'Active connections' }).filter({ hasText: '0 tracked, 0 open' }).waitFor();
      await treeRows(page).filter({ hasText: 'Memory' }).filter({ hasText: 'heapUsed' }).waitFor();
      await statusBarItem(page).filter({ hasText: /^\s*0\s*$/ }).waitFor();
      // A click on the status bar item brings the panel back from another view.
      await page.keyboard.press('Control+Shift+E');
      await page.locator('.part.sidebar .composite.title h2', { hasText: 'Explorer' }).waitFor();
      await statusBarItem(page).click();
      await viewPane(page, 'Live Connections').waitFor();
      await endpointRow(page, state.fixture.statusUrl).waitFor();
    },
  },
  {
    title: 'the count follows connections opened and closed by the load driver',
    timeoutMs: 60_000,
    async run({ page }) {
      const frame = await historyFrame(page);
      const summary = await runLoad({
        port: state.fixture.port,
        connections: 12,
        mode: 'fin',
        deadlineMs: 45_000,
        beforeEnding: async () => {
          await waitForCount(page, state.fixture.statusUrl, 12);
          await badge(page).filter({ hasText: /^12$/ }).waitFor();
          await statusBarItem(page).filter({ hasText: /^\s*12\s*$/ }).waitFor();
          await treeRows(page).filter({ hasText: 'Connections' }).filter({ hasText: '12, oldest first' }).waitFor();
          await frame.locator('#chart[data-last-count="12"]').waitFor();
        },
      });
      assert.equal(summary.opened, 12, JSON.stringify(summary));
      await waitForCount(page, state.fixture.statusUrl, 0);
      await frame.locator('#chart[data-last-count="0"]').waitFor();
      const points = Number(await frame.locator('#chart').getAttribute('data-points'));
      assert.ok(points >= 3, `the chart has ${points} points`);
      await frame.locator('canvas').first().waitFor();
    },
  },
  {
    title: 'a stopped server shows the unreachable line, and the panel recovers when it is back',
    timeoutMs: 60_000,
    async run({ page }) {
      await state.fixture.stop();
      const line = treeRows(page).filter({ hasText: `unreachable: ECONNREFUSED 127.0.0.1:${state.statusPort} — retrying in` });
      await line.waitFor({ timeout: 20_000 });
      await endpointRow(page, state.fixture.statusUrl).filter({ hasText: 'failing' }).waitFor();
      await statusBarItem(page).locator('.codicon-debug-disconnect').waitFor();
      const frame = await historyFrame(page);
      await frame.locator('#status.failing', { hasText: 'ECONNREFUSED' }).waitFor();

      state.fixture = await startFixture('set-no-removal/clean.js', state.statusPort);
      await waitForCount(page, state.fixture.statusUrl, 0);
      await line.waitFor({ state: 'detached', timeout: 20_000 });
      await frame.locator('#status:not(.failing)').waitFor();
    },
  },
  {
    title: 'a leaky server raises the leak signal in the tree, the chart and the status bar',
    timeoutMs: 60_000,
    async run({ page }) {
      state.leaky = await startFixture('set-no-removal/leaky.js', await freePort());
      await attach(page, state.leaky.statusUrl);
      await waitForCount(page, state.leaky.statusUrl, 0);
      const summary = await runLoad({ port: state.leaky.port, connections: 10, mode: 'fin', deadlineMs: 30_000 });
      assert.equal(summary.opened, 10, JSON.stringify(summary));
      // The Set keeps all 10 closed sockets: tracked 10, open 0.
      await treeRows(page).filter({ hasText: 'tracking 10, 0 open' }).waitFor({ timeout: 20_000 });
      await statusBarItem(page).and(page.locator('.warning-kind')).waitFor();
      const frame = await historyFrame(page);
      await frame.locator('#warnings li', { hasText: 'tracking 10, 0 open' }).waitFor();
    },
  },
  {
    title: 'HTML in the endpoint strings is shown as text in the tree and the chart, and no script runs',
    timeoutMs: 60_000,
    async run({ page, folder }) {
      // Detached through the command palette, so the tree has room for the one endpoint below.
      await detach(page, state.fixture.statusUrl);
      await detach(page, state.leaky.statusUrl);
      await statusBarItem(page).waitFor({ state: 'hidden' });
      const injection = await startInjectionServer();
      state.injection = injection;
      // Named in the workspace settings, as a cloned project could do (the workspace is trusted here).
      mkdirSync(path.join(folder, '.vscode'), { recursive: true });
      writeFileSync(
        path.join(folder, '.vscode/settings.json'),
        JSON.stringify({ 'socketHygiene.pollIntervalMs': 250, 'socketHygiene.endpoints': [{ name: INJECTION, url: injection.url }] }, null, 2),
      );
      const root = treeRows(page).filter({ hasText: INJECTION }).first();
      await root.waitFor({ timeout: 20_000 });
      const connectionRow = treeRows(page).filter({ hasText: 'read 10 B' }).first();
      await connectionRow.waitFor();
      assert.equal(await connectionRow.locator('.label-name').innerText(), INJECTION);

      const frame = await historyFrame(page);
      await frame.locator('#endpoint', { hasText: 'window.__socketHygienePwned' }).waitFor();
      assert.equal(await frame.locator('#endpoint').textContent(), INJECTION);
      assert.equal(await frame.locator('img').count(), 0, 'no <img> element in the chart view');
      assert.equal(await page.locator('.part.sidebar img[src="x"]').count(), 0, 'no <img> element in the tree');
      assert.equal(await page.evaluate(() => globalThis.__socketHygienePwned), undefined, 'no injected script ran in the workbench');
      const pwnedInWebview = await frame.locator('body').evaluate(() => globalThis.__socketHygienePwned);
      assert.equal(pwnedInWebview, undefined, 'no injected script ran in the webview');
      // The chart, its script and uPlot all load under the strict policy: nothing was refused. (The webview's
      // console does reach this listener: checked with a message of our own.)
      await frame.locator('body').evaluate(() => console.log('socket-hygiene: console reaches the test'));
      await expectSoon(() => state.webviewConsoleSeen === true, 'the webview console message');
      assert.deepEqual(state.cspViolations, []);
    },
  },
  {
    title: 'a token set with "Set Endpoint Token…" goes to its endpoint as a bearer token',
    async run({ page }) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>Socket Hygiene: Set Endpoint Token');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Set Endpoint Token' }).first().waitFor();
      await page.keyboard.press('Enter');
      // One endpoint attached: the password box comes straight away.
      await page.locator('.quick-input-widget', { hasText: 'Bearer token for' }).waitFor();
      assert.equal(await input.getAttribute('type'), 'password');
      await input.fill('s3cret');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await expectSoon(() => state.injection.authorizations.includes('Bearer s3cret'), 'a request with the token');
    },
  },
  {
    title: 'a hidden and re-shown History view redraws at once from the extension host',
    async run({ page }) {
      let frame = await historyFrame(page);
      await frame.locator('#chart canvas').first().waitFor();
      const before = Number(await frame.locator('#chart').getAttribute('data-points'));
      const header = viewPane(page, 'History').locator('.pane-header');
      await header.click();
      await viewPane(page, 'History').locator('iframe.webview').waitFor({ state: 'hidden' }).catch(() => {});
      await header.click();
      frame = await historyFrame(page);
      await frame.locator('#chart canvas').first().waitFor();
      const after = Number(await frame.locator('#chart').getAttribute('data-points'));
      assert.ok(after >= before, `points before ${before}, after ${after}`);
    },
  },
  {
    title: 'the chart takes the dark theme colours',
    async run({ page, folder }) {
      await switchTheme(page, folder, 'Default Dark Modern', 'vs-dark', 'vscode-dark');
    },
  },
  {
    title: 'the chart takes the high-contrast theme colours',
    async run({ page, folder }) {
      await switchTheme(page, folder, 'Default High Contrast', 'hc-black', 'vscode-high-contrast');
    },
  },
  {
    title: 'stops its servers',
    async run() {
      for (const stop of running) stop();
      running.clear();
    },
  },
];
