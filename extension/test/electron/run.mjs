// Runs the extension-host suite (out/test/host/index.js) in a desktop VS Code through @vscode/test-electron.
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   use that VS Code
//   npm run test:electron                                    download VS Code 1.100.3 (needs the VS Code CDN)
// Offline machines (only the npm registry and Debian apt reachable) cannot download it: use
// `npm run test:vscode`, which runs the same suite in code-server.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { hostSuiteIndex, repoRoot, resultsDir, vscodeVersion } from '../harness/paths.mjs';
import { createWorkspace } from '../harness/workspace.mjs';

function stop(message) {
  console.error(`test:electron: ${message}`);
  process.exit(1);
}

if (!existsSync(hostSuiteIndex)) stop(`missing ${path.relative(repoRoot, hostSuiteIndex)} (run: npm run build:extension)`);

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
if (vscodeExecutablePath) {
  if (!existsSync(vscodeExecutablePath)) stop(`VSCODE_EXECUTABLE=${vscodeExecutablePath} does not exist`);
} else {
  try {
    // A short idle timeout: offline, the download fails in seconds instead of hanging.
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: vscodeVersion, timeout: 10_000 });
  } catch (error) {
    stop(
      `cannot download VS Code ${vscodeVersion} (${error instanceof Error ? error.message : String(error)}).\n` +
        'The VS Code download servers are not reachable from here (offline machines reach only the npm registry and Debian apt).\n' +
        'Give a desktop VS Code with VSCODE_EXECUTABLE=/path/to/code, or run the same suite in code-server: npm run test:vscode',
    );
  }
}

const workspace = createWorkspace();
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-electron-'));
const resultsFile = path.join(resultsDir, 'electron-host-results.json');
let exitCode = 0;
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: hostSuiteIndex,
    extensionTestsEnv: { SOCKET_HYGIENE_HOST_RESULTS: resultsFile, SOCKET_HYGIENE_REPO: repoRoot },
    launchArgs: [workspace.folder, '--user-data-dir', userDataDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
} catch (error) {
  console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  workspace.remove();
  rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
}
if (existsSync(resultsFile)) {
  const { tests } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const test of tests) console.log(`${test.ok ? '  ✓' : '  ✗'} electron: ${test.suite} › ${test.title} (${test.ms} ms)`);
}
process.exit(exitCode);
