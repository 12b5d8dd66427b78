// The extension-host test entry, in the shape @vscode/test-electron and VS Code's extensionTestsPath expect:
// `run()` settles when mocha is done. Every *.test.ts in this folder is bundled in by
// scripts/build-extension.mjs. Per-test results also go to a JSON file that the harness merges.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import testFiles from 'virtual:host-test-files';

export interface HostTestResult {
  suite: string;
  title: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/** Where the results go: the harness names the file; run by hand, they land beside the repo's other results. */
function resultsPath(): string {
  return process.env.SOCKET_HYGIENE_HOST_RESULTS ?? path.resolve(__dirname, '../../../test-results/host-results.json');
}

export function run(): Promise<void> {
  // Failures then point at the .ts test files rather than the bundle.
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const grep = process.env.SOCKET_HYGIENE_HOST_GREP;
  if (grep) mocha.grep(grep);

  // Test files are already bundled, so they are loaded the way mocha's browser build does it.
  for (const file of testFiles) {
    mocha.suite.emit('pre-require', globalThis, file.name, mocha);
    mocha.suite.emit('require', file.load(), file.name, mocha);
    mocha.suite.emit('post-require', globalThis, file.name, mocha);
  }

  const results: HostTestResult[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      try {
        mkdirSync(path.dirname(resultsPath()), { recursive: true });
        writeFileSync(resultsPath(), JSON.stringify({ tests: results }, null, 2));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.push({ suite: suiteTitle(test), title: test.title, ok: true, ms: test.duration ?? 0 });
    });
    runner.on('fail', (test, error) => {
      results.push({ suite: suiteTitle(test), title: test.title, ok: false, ms: test.duration ?? 0, error: errorText(error) });
    });
  });
}

function suiteTitle(test: Mocha.Runnable): string {
  return test.parent?.titlePath().join(' › ') || '(root)';
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
