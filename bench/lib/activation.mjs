// The extension's activation time as VS Code itself measures it, in the real VS Code (code-server) through the
// test harness: a fresh code-server with the packaged .vsix installed, a JavaScript file opened (the
// activation event), then "Developer: Show Running Extensions", whose row reads "Activation: N ms" (VS Code's
// codeLoadingTime + activateCallTime of the extension host).
import { launchBrowser } from '../../extension/test/harness/browser.mjs';
import { startCodeServer } from '../../extension/test/harness/code-server.mjs';
import { createWorkspace } from '../../extension/test/harness/workspace.mjs';
import { openWorkbench, quickOpen, runCommand } from '../../extension/test/harness/workbench.mjs';
import { vsixPath } from './vsix.mjs';

const DISPLAY_NAME = 'Socket Hygiene';

/** One fresh code-server, browser and workspace; everything is stopped and removed before it returns. */
export async function activationRun(vsix = vsixPath) {
  const server = await startCodeServer({ vsix });
  let browser;
  const workspace = createWorkspace();
  try {
    browser = await launchBrowser();
    const page = await openWorkbench(browser.context, server, { folder: workspace.folder });
    await quickOpen(page, 'server.js');
    await runCommand(page, 'Developer: Show Running Extensions');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', {
      has: page.locator('.name', { hasText: DISPLAY_NAME }),
    });
    const time = row.locator('.activation-time', { hasText: /Activation: \d+\s*ms/ });
    await time.waitFor({ timeout: 60_000 });
    const label = await time.innerText();
    const ms = Number(/(\d+)\s*ms/.exec(label)?.[1]);
    await page.close();
    return { ms, startup: label.startsWith('Startup') };
  } finally {
    await browser?.close();
    await server.stop();
    workspace.remove();
  }
}

async function activationMs(vsix) {
  const { ms, startup } = await activationRun(vsix);
  if (startup) throw new Error('the extension was activated at startup, not by opening a JavaScript file');
  return ms;
}

/**
 * `runs` activations, each on a fresh code-server (the extension host loads the extension anew). With a
 * `previousVsix`, each run of the current .vsix is followed by one of the previous, so that a busy moment of
 * the shared machine falls on both alike.
 * @returns {Promise<{ current: number[], previous: number[] }>}
 */
export async function measureActivation(runs = 3, previousVsix = undefined) {
  const current = [];
  const previous = [];
  for (let run = 0; run < runs; run += 1) {
    // The order within a pair alternates too: neither .vsix always comes first.
    const order = run % 2 === 0 ? ['current', 'previous'] : ['previous', 'current'];
    for (const which of order) {
      if (which === 'current') current.push(await activationMs(vsixPath));
      else if (previousVsix) previous.push(await activationMs(previousVsix));
    }
  }
  return { current, previous };
}
