// Runs the tests of one UI file in order on one workbench page, over a fresh workspace folder, saving a
// screenshot of each test's final state under test-results/ (named ui-<suite>-<title>.png).
//
// A UI file is extension/test/ui/<name>.ui.mjs; run-all.mjs finds it by that name. It exports:
//   tests      [{ title, run: async ({ page, folder, server }) => {}, timeoutMs? (60 s) }], run in order on one page
//   workspace  optional: { 'relative/path.js': 'contents', ... } or a repository folder to copy ('test-fixtures/x');
//              default: one small server.js. The copy lives under the OS temp dir and is removed afterwards.
//   suite      optional: the name in results (default <name>)
// A test fails by throwing; use the helpers of workbench.mjs and wait on elements, never on fixed sleeps.
import { createWorkspace } from './workspace.mjs';
import { openWorkbench, screenshot } from './workbench.mjs';

const defaultTimeoutMs = 60_000;

/**
 * @param {{ context: import('playwright-core').BrowserContext, server: { url: string, port: number },
 *   suite: string, tests: Array<{ title: string, run: (t: object) => Promise<void>, timeoutMs?: number }>,
 *   workspace?: Record<string, string> | string, grep?: string,
 *   record: (test: { name: string, ok: boolean, ms: number, error?: string }) => void }} options
 */
export async function runUiFile({ context, server, suite, tests, workspace, grep, record }) {
  const chosen = tests.filter((test) => !grep || `${suite} › ${test.title}`.includes(grep));
  if (chosen.length === 0) return;
  const { folder, remove } = createWorkspace(workspace);
  let page;
  try {
    page = await openWorkbench(context, server, { folder });
  } catch (error) {
    for (const test of chosen) record({ name: `${suite} › ${test.title}`, ok: false, ms: 0, error: `workbench did not open: ${String(error)}` });
    remove();
    return;
  }
  for (const test of chosen) {
    const name = `${suite} › ${test.title}`;
    const started = Date.now();
    let timer;
    const timeoutMs = test.timeoutMs ?? defaultTimeoutMs;
    try {
      const running = test.run({ page, folder, server });
      running.catch(() => {}); // still pending when the timeout wins; its rejection is reported by the race
      await Promise.race([
        running,
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs))),
      ]);
      record({ name, ok: true, ms: Date.now() - started });
    } catch (error) {
      record({ name, ok: false, ms: Date.now() - started, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    } finally {
      clearTimeout(timer);
      await screenshot(page, `ui-${suite}-${test.title}`).catch(() => {});
    }
  }
  await page.close().catch(() => {});
  remove();
}
