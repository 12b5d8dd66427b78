// The packaged extension the size and activation figures are measured on: dist/socket-hygiene.vsix, rebuilt
// with `npm run package` (which runs the production build first) when it is missing or older than what goes in.
// The plugin is bundled from eslint-plugin/dist as it is: `npm run bench` builds it first.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { benchRoot } from './figures.mjs';

export const repoRoot = path.dirname(benchRoot);
export const vsixPath = path.join(repoRoot, 'dist/socket-hygiene.vsix');

/** What the .vsix is built from (see .vscodeignore and scripts/build-extension.mjs). */
const PACKAGE_INPUTS = [
  'package.json',
  'README.md',
  '.vscodeignore',
  'scripts/build-extension.mjs',
  'scripts/lint-bundles.mjs',
  'scripts/probe-bundle.mjs',
  'scripts/shared-vscode-import.mjs',
  'scripts/status-validation-bundle.mjs',
  'scripts/lazy-minimatch.mjs',
  'extension/src',
  'probe/src',
  'extension/media',
  'eslint-plugin/dist',
  'eslint-plugin/docs/rules',
];

/** The latest modification time (ms) of the files under these repository paths; 0 when none exists. */
export function newestChange(paths) {
  let newest = 0;
  const visit = (file) => {
    if (path.basename(file) === 'node_modules' || !existsSync(file)) return;
    const stat = statSync(file);
    if (stat.isDirectory()) for (const entry of readdirSync(file)) visit(path.join(file, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const relative of paths) visit(path.join(repoRoot, relative));
  return newest;
}

function npmRun(script) {
  console.log(`  npm run ${script}`);
  execFileSync('npm', ['run', script], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60_000 });
}

/**
 * Packages the extension unless the .vsix is newer than everything it is built from. When packaging fails
 * and an older .vsix exists, that one is measured and `stale` says so.
 * @returns {{ packaged: boolean, stale: boolean, problem?: string }}
 */
export function ensurePackaged() {
  if (existsSync(vsixPath) && statSync(vsixPath).mtimeMs >= newestChange(PACKAGE_INPUTS)) return { packaged: false, stale: false };
  try {
    npmRun('package');
    return { packaged: true, stale: false };
  } catch (error) {
    if (!existsSync(vsixPath)) throw error;
    const problem = `npm run package failed (${error instanceof Error ? error.message : String(error)}): measuring the older ${path.relative(repoRoot, vsixPath)}`;
    console.error(`  ${problem}`);
    return { packaged: false, stale: true, problem };
  }
}
