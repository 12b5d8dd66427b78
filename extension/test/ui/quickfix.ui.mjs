// A person fixes a leaked socket with Ctrl+. : the problem shows in the Problems panel, the cursor goes on the
// underlined call, the first quick fix is chosen, the file changes and the problem goes away.
import assert from 'node:assert/strict';
import { quickOpen, screenshot } from '../harness/workbench.mjs';

export const suite = 'quickfix';
// A temporary copy of the fixture folder: leaky.js stores each client in a Set and never removes it (line 10).
export const workspace = 'test-fixtures/set-no-removal';

/** Rows of the Problems panel that are socket-hygiene problems. */
function socketProblems(page) {
  return page.locator('.part.panel .markers-panel .monaco-list-row', { hasText: 'socket-hygiene' });
}

export const tests = [
  {
    title: 'shows the leaked socket in the Problems panel',
    async run({ page }) {
      await quickOpen(page, 'leaky.js');
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.part.panel .markers-panel').waitFor();
      await socketProblems(page).first().waitFor();
      const rows = await socketProblems(page).allInnerTexts();
      assert.equal(rows.length, 1, rows.join('\n'));
      assert.match(rows[0], /remove-on-close/);
      // The Problems tab's badge counts them.
      const badge = page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).locator('.badge-content');
      await badge.filter({ hasText: '1' }).waitFor();
    },
  },
  {
    title: 'Ctrl+. on the underlined call offers the fix first, and choosing it fixes the file',
    async run({ page }) {
      // Click on the underlined storing call `clients.add(socket)` (line 10), as a person would.
      const squiggle = page.locator('.editor-group-container.active .monaco-editor .squiggly-warning').first();
      await squiggle.waitFor();
      const box = await squiggle.boundingBox();
      assert.ok(box, 'the squiggle is on screen');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('.statusbar-item', { hasText: /Ln 10, Col \d+/ }).first().waitFor();

      // VS Code shows the light bulb once it knows of quick fixes here; Ctrl+. then opens them.
      await page.locator('.editor-group-container.active .lightBulbWidget').first().waitFor();
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.waitFor();
      const items = menu.locator('.monaco-list-row.action');
      await items.first().waitFor();
      const titles = await items.allInnerTexts();
      assert.ok(titles.some((title) => title.includes('Disable socket-hygiene/remove-on-close for this line')), titles.join(' | '));
      assert.ok(titles.some((title) => title.includes('Show documentation for socket-hygiene/remove-on-close')), titles.join(' | '));
      assert.ok(!titles[0].startsWith('Disable') && !titles[0].startsWith('Show documentation'), `first: ${titles[0]}`);
      await screenshot(page, 'ui-quickfix-menu');
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden' });

      // The file changed: the suggested 'close' listener is in the editor.
      const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines');
      await lines.filter({ hasText: "'close'" }).waitFor();
      // And the problem is gone after the relint.
      await socketProblems(page).first().waitFor({ state: 'detached' });
      await page.locator('.editor-group-container.active .monaco-editor .squiggly-warning').first().waitFor({ state: 'detached' });
    },
  },
];
