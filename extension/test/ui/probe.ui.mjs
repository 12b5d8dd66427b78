// "Socket Hygiene: Start with Probe…" as a person uses it, on the packaged extension: F1 on an
// open server.js, the terminal shows the probe's line, the Live Connections tree shows the endpoint and
// follows a connection; then an ES module picked from the Quick Pick. The programs run on 127.0.0.1 in
// VS Code terminals, which the last test kills; every wait is on what the page shows.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { openActivityBarView, quickOpen, runCommand, screenshot, viewPane } from '../harness/workbench.mjs';

export const suite = 'probe';

const COMMAND = 'Socket Hygiene: Start with Probe…';

// Listens on an ephemeral port and writes it beside itself, so the test can connect.
const server = (portFile, moduleKind) =>
  [
    moduleKind === 'esm' ? "import net from 'node:net';\nimport { writeFileSync } from 'node:fs';" : "const net = require('node:net');\nconst { writeFileSync } = require('node:fs');",
    'const server = net.createServer((socket) => {',
    "  socket.on('error', () => socket.destroy());",
    "  socket.on('data', (chunk) => socket.write(chunk));",
    '});',
    "server.listen(0, '127.0.0.1', () => {",
    `  writeFileSync(${JSON.stringify(portFile)}, String(server.address().port));`,
    '});',
    '',
  ].join('\n');

export const workspace = {
  // The DOM renderer puts the terminal's text in the page, where the test can read it.
  '.vscode/settings.json': JSON.stringify(
    { 'socketHygiene.pollIntervalMs': 250, 'socketHygiene.idleLimitSeconds': 3600, 'terminal.integrated.gpuAcceleration': 'off' },
    null,
    2,
  ),
  'server.js': server('server.port', 'cjs'),
  'lib/other.mjs': server('other.port', 'esm'),
};

const state = { urls: [] };

/** The probed programs' pids, killed on exit if a test fails before the terminals are. */
const pids = new Set();
process.on('exit', () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function remember(url) {
  state.urls.push(url);
  const { pid } = await (await fetch(url)).json();
  pids.add(pid);
}

function treeRows(page) {
  return viewPane(page, 'Live Connections').locator('.monaco-list-row');
}

/** The endpoint row of a status URL (its label is host and path), once it shows `count` and is live. */
function endpointRowWithCount(page, url, count) {
  const { host, pathname } = new URL(url);
  // The label runs straight into the description in the row's text: "…/status1 · ▁▃ · live".
  return treeRows(page).filter({ hasText: `${host}${pathname}` }).filter({ hasText: new RegExp(`status${count} · .*live`) });
}

/** The visible terminal's text, as the DOM renderer lays it out. */
function terminalText(page) {
  return page.locator('.part.panel .terminal-wrapper.active .xterm-rows');
}

/**
 * Waits for the probe's announcement in the terminal that runs `script` and returns its URL. Bound to that
 * terminal's command line: right after the command, the terminal shown may still be the previous one.
 */
async function probeUrlInTerminal(page, script) {
  const terminal = terminalText(page).filter({ hasText: `register.js ${script}` });
  const line = terminal.getByText(/socket-hygiene probe: http:\/\/127\.0\.0\.1:\d+\/status/);
  await line.waitFor({ timeout: 20_000 });
  const text = await line.innerText();
  return /http:\/\/127\.0\.0\.1:\d+\/status/.exec(text)[0];
}

async function portOf(folder, file) {
  const where = path.join(folder, file);
  const deadline = Date.now() + 10_000;
  while (!existsSync(where) || readFileSync(where, 'utf8') === '') {
    if (Date.now() > deadline) throw new Error(`${file} was not written`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Number(readFileSync(where, 'utf8'));
}

async function connect(port) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

export const tests = [
  {
    title: 'F1 on an open server.js runs it with the probe, and the tree shows its endpoint and connection',
    timeoutMs: 60_000,
    async run({ page, folder }) {
      await openActivityBarView(page, 'Socket Hygiene');
      await viewPane(page, 'Live Connections').getByText('No endpoint attached.').waitFor();
      await quickOpen(page, 'server.js');
      await runCommand(page, COMMAND);
      await page.locator('.part.panel .terminal-tabs-entry, .part.panel .single-terminal-tab', { hasText: 'Probe: server.js' }).first().waitFor();
      const url = await probeUrlInTerminal(page, 'server.js');
      await remember(url);
      await terminalText(page).getByText(/node --require \S+dist\/probe\/register\.js server\.js/).first().waitFor();
      await endpointRowWithCount(page, url, 0).waitFor({ timeout: 20_000 });

      const socket = await connect(await portOf(folder, 'server.port'));
      try {
        await endpointRowWithCount(page, url, 1).waitFor({ timeout: 20_000 });
        await treeRows(page).filter({ hasText: 'Connections' }).filter({ hasText: '1, oldest first' }).waitFor();
        await screenshot(page, 'ui-probe-server.js-with-one-connection');
      } finally {
        socket.end();
      }
      await endpointRowWithCount(page, url, 0).waitFor({ timeout: 20_000 });
    },
  },
  {
    title: 'with no JavaScript editor active it asks which script, and runs an ES module too',
    timeoutMs: 60_000,
    async run({ page, folder }) {
      await runCommand(page, 'View: Close All Editors');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${COMMAND}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: COMMAND }).first().waitFor();
      await page.keyboard.press('Enter');
      // The Quick Pick of the workspace's scripts, with a way out to a file dialog.
      await page.locator('.quick-input-widget', { hasText: 'Start with Probe' }).waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'server.js' }).first().waitFor();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Browse…' }).waitFor();
      await input.fill('other');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'lib/other.mjs' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });

      const url = await probeUrlInTerminal(page, 'lib/other.mjs');
      assert.ok(!state.urls.includes(url), 'a second probe on a port of its own');
      await remember(url);
      const socket = await connect(await portOf(folder, 'other.port'));
      try {
        await endpointRowWithCount(page, url, 1).waitFor({ timeout: 20_000 });
      } finally {
        socket.end();
      }
      await endpointRowWithCount(page, url, 0).waitFor({ timeout: 20_000 });
    },
  },
  {
    title: 'killing the terminals ends the programs',
    timeoutMs: 30_000,
    async run({ page }) {
      await runCommand(page, 'Terminal: Kill All Terminals');
      for (const url of state.urls) {
        const deadline = Date.now() + 10_000;
        while (await fetch(url).then(() => true, () => false)) {
          if (Date.now() > deadline) throw new Error(`${url} still answers after its terminal was killed`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      pids.clear();
      // The panel keeps the endpoints it was attached to, and says they are gone.
      await treeRows(page).filter({ hasText: 'unreachable' }).first().waitFor({ timeout: 20_000 });
    },
  },
];
