// The lint worker as the extension uses it: dist/lint-worker.js beside dist/extension.js, its crashes said in
// the output channel, and after the second crash an error message whose Restart action starts linting again.
import path from 'node:path';
import * as vscode from 'vscode';
import { LintWorkerClient } from '../lint/worker/worker-client';

export function createLintWorker(
  output: Pick<vscode.OutputChannel, 'appendLine'>,
  relintOpenDocuments: () => void,
  globalStorage: vscode.Uri,
): LintWorkerClient {
  const worker: LintWorkerClient = new LintWorkerClient({
    // Bundled next to this file: dist/extension.js and dist/lint-worker.js.
    workerPath: path.join(__dirname, 'lint-worker.js'),
    // Every start but the first after an install or update loads the TypeScript parser from V8's code cache.
    codeCacheFolder: path.join(globalStorage.fsPath, 'code-cache'),
    log: (line) => output.appendLine(line),
    onStopped: (reason) => {
      void vscode.window
        .showErrorMessage(`Socket Hygiene stopped linting: ${reason}. See the Socket Hygiene output for details.`, 'Restart', 'Show Output')
        .then((choice) => {
          if (choice === 'Restart') {
            output.appendLine(`[${new Date().toISOString()}] Lint worker restarted by the user.`);
            worker.restart();
            relintOpenDocuments();
          } else if (choice === 'Show Output') {
            void vscode.commands.executeCommand('socketHygiene.showOutput');
          }
        });
    },
  });
  return worker;
}
