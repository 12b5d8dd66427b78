// "Socket Hygiene: Lint Workspace": every matching file into the Problems panel, with a cancellable progress.
import * as vscode from 'vscode';
import { isInNodeModules } from '../lint/exclude';
import type { DocumentLinter } from './document-linter';
import { isLintableUri } from './documents';
import { lintSettingsFor } from './settings';

export const LINT_WORKSPACE_COMMAND = 'socketHygiene.lintWorkspace';
const INCLUDE = '**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}';

/** `files.exclude`, `search.exclude` and `socketHygiene.exclude` as one glob, always with node_modules. */
export function workspaceExcludeGlob(): string {
  const patterns = new Set<string>(['**/node_modules/**']);
  for (const section of ['files.exclude', 'search.exclude']) {
    const excluded = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    // `{ "when": ... }` entries depend on sibling files; findFiles cannot express them, the per-file check can't either.
    for (const [pattern, value] of Object.entries(excluded)) if (value === true) patterns.add(pattern);
  }
  for (const pattern of lintSettingsFor().exclude) patterns.add(pattern);
  // Braces do not nest in VS Code globs: a pattern with its own braces cannot join the group.
  return `{${[...patterns].filter((pattern) => !/[{}]/.test(pattern)).join(',')}}`;
}

export async function lintWorkspace(linter: DocumentLinter): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Socket Hygiene: linting the workspace', cancellable: true },
    async (progress, token) => {
      const uris = await vscode.workspace.findFiles(INCLUDE, workspaceExcludeGlob(), undefined, token);
      let linted = 0;
      let problems = 0;
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        linted += 1;
        progress.report({ message: `${linted}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
        const settings = lintSettingsFor(uri);
        if (settings.enable === false || isInNodeModules(uri.fsPath) || !isLintableUri(uri, settings)) continue;
        const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
        if (open) {
          // Open documents are linted from their editor text, which may be newer than the file.
          linter.trigger(open, 'settings');
          continue;
        }
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const result = await linter.lintText(text, uri.fsPath, settings);
        linter.logRuleFailures(uri, 'on disk', result);
        linter.showFileResult(uri, result);
        problems += result.problems.length;
        // Let the extension host answer other requests between files.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const verb = token.isCancellationRequested ? 'Cancelled after' : 'Linted';
      void vscode.window.setStatusBarMessage(`Socket Hygiene: ${verb} ${linted} files, ${problems} problems in files not open`, 5000);
    },
  );
}
