// The packaged extension, used as a person would: it wakes up on a JavaScript file, and its view opens.
import assert from 'node:assert/strict';
import { openActivityBarView, outputText, quickOpen, runCommand, viewPane, waitForOutputChannel } from '../harness/workbench.mjs';

export const tests = [
  {
    title: 'activates when a JavaScript file is opened',
    async run({ page }) {
      await quickOpen(page, 'server.js');
      // The output channel exists only once activate() has run.
      const channels = await waitForOutputChannel(page, 'Socket Hygiene');
      assert.ok(channels.includes('Socket Hygiene'), `output channels: ${channels.join(', ')}`);
    },
  },
  {
    title: 'shows its log through "Socket Hygiene: Show Output"',
    async run({ page }) {
      await runCommand(page, 'Socket Hygiene: Show Output');
      await outputText(page).filter({ hasText: 'Socket Hygiene 0.1.0 activated' }).waitFor();
    },
  },
  {
    title: 'opens the Live Connections view from the activity bar',
    async run({ page }) {
      await openActivityBarView(page, 'Socket Hygiene');
      const pane = viewPane(page, 'Live Connections');
      await pane.waitFor();
      await pane.getByText('No endpoint attached.').waitFor();
    },
  },
];
