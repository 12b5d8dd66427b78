// Where the harness finds what the build and scripts/setup-vscode-host.sh produced.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const hostDir = path.join(repoRoot, '.vscode-test/host');
export const codeServerEntry = path.join(hostDir, 'node_modules/code-server/out/node/entry.js');
export const vsixPath = path.join(repoRoot, 'dist/socket-hygiene.vsix');
export const hostSuiteIndex = path.join(repoRoot, 'out/test/host/index.js');
export const uiTestDir = path.join(repoRoot, 'extension/test/ui');
export const resultsDir = path.join(repoRoot, 'test-results');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const vscodeVersion = '1.100.3';

/** Stops early, with the command that fixes it, when a build step has not run. */
export function requireBuilt() {
  const missing = [
    [codeServerEntry, 'npm run setup:vscode-host'],
    [vsixPath, 'npm run package'],
    [hostSuiteIndex, 'npm run build:extension'],
    [chromiumPath, 'apt-get install chromium'],
  ].filter(([file]) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`missing ${missing.map(([file, fix]) => `${path.relative(repoRoot, file)} (run: ${fix})`).join(', ')}`);
  }
}

/** playwright-core lives in the test host folder, not in the root workspaces. */
export function loadPlaywright() {
  return createRequire(path.join(hostDir, 'package.json'))('playwright-core');
}
