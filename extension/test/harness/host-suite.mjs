// Runs the mocha extension-host suite inside code-server's extension host: the workbench reads the test
// run from its `payload` URL parameter and reports the end through window.codeAutomationExit.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openWorkbench } from './workbench.mjs';

/**
 * @param {{ context: import('playwright-core').BrowserContext, server: { port: number, url: string },
 *   extensionPath: string, suiteIndex: string, folder: string, resultsFile: string,
 *   log?: (line: string) => void, timeoutMs?: number }} options
 * @returns {Promise<{ exitCode: number, tests: Array<{ suite: string, title: string, ok: boolean, ms: number, error?: string }> }>}
 */
export async function runHostSuite({ context, server, extensionPath, suiteIndex, folder, resultsFile, log = () => {}, timeoutMs = 300_000 }) {
  const remote = (file) => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(suiteIndex.replace(/\.js$/, ''))],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  rmSync(resultsFile, { force: true });

  let settle;
  const exited = new Promise((resolve) => (settle = resolve));
  const page = await openWorkbench(context, server, {
    folder,
    payload,
    onExit: (code) => settle(code),
    onLog: (line) => log(line),
  });
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const exitCode = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  await page.close().catch(() => {});

  if (exitCode === 'timeout') {
    return { exitCode: 1, tests: [{ suite: path.basename(path.dirname(suiteIndex)), title: 'run', ok: false, ms: timeoutMs, error: `no result within ${timeoutMs} ms` }] };
  }
  if (!existsSync(resultsFile)) {
    return { exitCode: 1, tests: [{ suite: path.basename(path.dirname(suiteIndex)), title: 'run', ok: false, ms: 0, error: `the suite exited with ${exitCode} and wrote no ${resultsFile}` }] };
  }
  const { tests } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  return { exitCode, tests };
}
