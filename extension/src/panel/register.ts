// The Live Connections view. A skeleton for now: no endpoint can be attached yet, so the tree is empty and
// the view says so through its message.
import * as vscode from 'vscode';

export class LiveConnectionsProvider implements vscode.TreeDataProvider<never> {
  static readonly viewId = 'socketHygiene.liveConnections';

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}

export function registerPanel(context: vscode.ExtensionContext, output: vscode.OutputChannel): void {
  const view = vscode.window.createTreeView(LiveConnectionsProvider.viewId, {
    treeDataProvider: new LiveConnectionsProvider(),
  });
  view.message = 'No endpoint attached.';
  context.subscriptions.push(view);
  output.appendLine(`Registered view ${LiveConnectionsProvider.viewId}.`);
}
