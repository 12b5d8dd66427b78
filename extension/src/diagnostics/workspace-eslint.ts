// What the workspace's own ESLint does, for `"enable": "auto"` and for the style of the disable comment.
import * as vscode from 'vscode';
import { findNearestConfig, type NearestConfig } from '../lint/workspace-eslint';

export const ESLINT_EXTENSION_ID = 'dbaeumer.vscode-eslint';

export class WorkspaceEslint implements vscode.Disposable {
  private readonly nearestConfigs = new Map<string, NearestConfig | undefined>();
  private readonly announced = new Set<string>();
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when an ESLint config file appears, changes or goes. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly output: Pick<vscode.OutputChannel, 'appendLine'>) {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/eslint.config.{js,mjs,cjs,ts,mts,cts}');
    const forget = (uri: vscode.Uri): void => {
      if (uri.fsPath.includes('node_modules')) return;
      this.nearestConfigs.clear();
      this.changeEmitter.fire();
    };
    this.watcher.onDidCreate(forget);
    this.watcher.onDidChange(forget);
    this.watcher.onDidDelete(forget);
  }

  /** The flat config ESLint uses for this file, if it is in a workspace folder. */
  configFor(uri: vscode.Uri): NearestConfig | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const key = uri.fsPath;
    if (!this.nearestConfigs.has(key)) this.nearestConfigs.set(key, findNearestConfig(uri.fsPath, folder.uri.fsPath));
    return this.nearestConfigs.get(key);
  }

  /** True when the workspace's ESLint config for this file loads our plugin. */
  loadsPlugin(uri: vscode.Uri): boolean {
    return this.configFor(uri)?.loadsPlugin ?? false;
  }

  /**
   * True when the ESLint extension already reports our rules for this file (its config loads the plugin, and the
   * extension is installed, enabled and not switched off for the folder). Said once per config in the output.
   */
  eslintExtensionCovers(uri: vscode.Uri): boolean {
    const config = this.configFor(uri);
    if (!config?.loadsPlugin) return false;
    if (!vscode.extensions.getExtension(ESLINT_EXTENSION_ID)) return false;
    if (vscode.workspace.getConfiguration('eslint', uri).get('enable') === false) return false;
    if (!this.announced.has(config.path)) {
      this.announced.add(config.path);
      this.output.appendLine(
        `${config.path} loads eslint-plugin-socket-hygiene and the ESLint extension is enabled: ` +
          `its problems and quick fixes come from there, so the built-in linting is off for those files ` +
          `(set "socketHygiene.enable": true to lint anyway).`,
      );
    }
    return true;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changeEmitter.dispose();
  }
}
