// Runs the real-VS-Code tests: the extension-host suite, then every extension/test/ui/*.ui.mjs, against one
// code-server with the packaged .vsix installed, and writes test-results/vscode-e2e.json.
//   node extension/test/harness/run-all.mjs                 everything
//   node extension/test/harness/run-all.mjs host            the extension-host suite only
//   node extension/test/harness/run-all.mjs ui              every UI file
//   node extension/test/harness/run-all.mjs skeleton        one UI file (extension/test/ui/skeleton.ui.mjs)
//   ... --grep "Live Connections"                           only tests whose name contains the text
// VSCODE_E2E_VERBOSE=1 prints code-server's and the extension host's output as it comes.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './code-server.mjs';
import { runHostSuite } from './host-suite.mjs';
import { hostSuiteIndex, repoRoot, requireBuilt, resultsDir, uiTestDir, vscodeVersion, vsixPath } from './paths.mjs';
import { runUiFile } from './ui-suite.mjs';
import { createWorkspace } from './workspace.mjs';

const { values: options, positionals: filters } = parseArgs({
  options: { grep: { type: 'string' } },
  allowPositionals: true,
});
const verbose = process.env.VSCODE_E2E_VERBOSE === '1';
const selected = (name, kind) => filters.length === 0 || filters.includes(kind) || filters.includes(name);

const uiFiles = readdirSync(uiTestDir)
  .filter((file) => file.endsWith('.ui.mjs'))
  .sort()
  .map((file) => ({ name: file.replace(/\.ui\.mjs$/, ''), file: path.join(uiTestDir, file) }))
  .filter(({ name, file }) => selected(name, 'ui') || filters.includes(path.basename(file)));
const runHost = selected('host', 'host');

/** @type {Array<{ name: string, ok: boolean, ms: number, error?: string }>} */
const results = [];
function record(test) {
  results.push(test);
  console.log(`${test.ok ? '  ✓' : '  ✗'} ${test.name} (${test.ms} ms)`);
  if (!test.ok && test.error) console.log(test.error.replace(/^/gm, '      '));
}

requireBuilt();
mkdirSync(resultsDir, { recursive: true });
// The suite writes its per-test results here; the harness merges them into vscode-e2e.json.
const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-e2e-'));
const hostResultsFile = path.join(scratchDir, 'host-results.json');
const started = Date.now();
const server = await startCodeServer({
  vsix: vsixPath,
  env: {
    SOCKET_HYGIENE_HOST_RESULTS: hostResultsFile,
    SOCKET_HYGIENE_REPO: repoRoot,
    ...(options.grep ? { SOCKET_HYGIENE_HOST_GREP: options.grep } : {}),
  },
  log: (line) => verbose && console.log(`[code-server] ${line}`),
});
const browser = await launchBrowser().catch(async (error) => {
  await server.stop();
  throw error;
});
console.log(`code-server ${vscodeVersion} on ${server.url} ready in ${Date.now() - started} ms`);

try {
  if (runHost) {
    const phaseStarted = Date.now();
    const workspace = createWorkspace();
    const hostLog = [];
    const { tests } = await runHostSuite({
      context: browser.context,
      server,
      extensionPath: repoRoot,
      suiteIndex: hostSuiteIndex,
      folder: workspace.folder,
      resultsFile: hostResultsFile,
      log: (line) => (verbose ? console.log(`[host] ${line}`) : hostLog.push(line)),
    }).finally(() => workspace.remove());
    for (const test of tests) record({ name: `host: ${test.suite} › ${test.title}`, ok: test.ok, ms: test.ms, error: test.error });
    if (tests.some((test) => !test.ok) && !verbose) console.log(`  extension host output:\n${hostLog.join('\n').replace(/^/gm, '    ')}`);
    console.log(`host suite took ${Date.now() - phaseStarted} ms`);
  }

  for (const { name, file } of uiFiles) {
    const phaseStarted = Date.now();
    let module;
    try {
      module = await import(pathToFileURL(file).href);
    } catch (error) {
      record({ name: `ui: ${name} › (load)`, ok: false, ms: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      continue;
    }
    await runUiFile({
      context: browser.context,
      server,
      suite: module.suite ?? name,
      tests: module.tests ?? [],
      workspace: module.workspace,
      grep: options.grep,
      record: (test) => record({ ...test, name: `ui: ${test.name}` }),
    });
    console.log(`ui ${name} took ${Date.now() - phaseStarted} ms`);
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(scratchDir, { recursive: true, force: true });
}

const passed = results.filter((test) => test.ok).length;
const failed = results.length - passed;
writeFileSync(
  path.join(resultsDir, 'vscode-e2e.json'),
  `${JSON.stringify({ vscodeVersion, passed, failed, tests: results.map(({ name, ok, ms }) => ({ name, ok, ms })) }, null, 2)}\n`,
);
console.log(`real VS Code tests took ${((Date.now() - started) / 1000).toFixed(1)} s; results in test-results/vscode-e2e.json`);
if (results.length === 0) console.log(`no test matched ${filters.join(' ')} ${options.grep ?? ''}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
