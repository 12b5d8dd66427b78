// The empty Live Connections view as a person first sees it: it says where an endpoint comes from and offers
// "Start with Probe…", "Attach…" and the status format; "Start with Probe…" lists the workspace's npm
// scripts beside its programs.
import assert from 'node:assert/strict';
import { openActivityBarView, screenshot, viewPane } from '../harness/workbench.mjs';

export const suite = 'welcome';

const STATUS_FORMAT = 'https://github.com/socket-hygiene/socket-hygiene/blob/main/probe/STATUS-FORMAT.md';

export const workspace = {
  'package.json': JSON.stringify({ name: 'welcome-fixture', private: true, scripts: { dev: 'node server.js' } }, null, 2),
  'server.js': "require('node:net').createServer((socket) => socket.on('error', () => socket.destroy())).listen(0, '127.0.0.1');\n",
  'src/app.ts': "import * as net from 'node:net';\nexport const server: net.Server = net.createServer();\n",
};

export const tests = [
  {
    title: 'the empty view offers "Start with Probe…", "Attach…" and the status format',
    async run({ page }) {
      await openActivityBarView(page, 'Socket Hygiene');
      await page.mouse.move(800, 450); // away from the activity bar, whose hover would cover the view
      const welcome = viewPane(page, 'Live Connections').locator('.welcome-view-content');
      await welcome.getByText('No endpoint attached.', { exact: false }).waitFor();
      const buttons = welcome.locator('.monaco-button');
      await buttons.filter({ hasText: 'Start with Probe…' }).waitFor();
      await buttons.filter({ hasText: 'Attach…' }).waitFor();
      assert.deepEqual(await buttons.allInnerTexts(), ['Start with Probe…', 'Attach…']);
      const link = welcome.locator('a', { hasText: 'the status format' });
      await link.waitFor();
      // VS Code renders the link's target as its href or, for command links, only in its title.
      const target = (await link.getAttribute('href')) ?? (await link.getAttribute('title'));
      assert.equal(target, STATUS_FORMAT);
      await screenshot(page, 'ui-welcome-view');
    },
  },
  {
    title: '"Start with Probe…" from the view lists the npm scripts and the JavaScript and TypeScript programs',
    async run({ page }) {
      await openActivityBarView(page, 'Socket Hygiene');
      await viewPane(page, 'Live Connections').locator('.welcome-view-content .monaco-button', { hasText: 'Start with Probe…' }).click();
      const picker = page.locator('.quick-input-widget', { hasText: 'Start with Probe' });
      await picker.waitFor();
      const rows = picker.locator('.quick-input-list .monaco-list-row');
      await rows.filter({ hasText: 'npm run dev' }).waitFor();
      await rows.filter({ hasText: 'server.js' }).first().waitFor();
      await rows.filter({ hasText: 'src/app.ts' }).waitFor();
      await rows.filter({ hasText: 'Browse…' }).waitFor();
      await screenshot(page, 'ui-welcome-start-with-probe-picker');
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'hidden' });
    },
  },
];
