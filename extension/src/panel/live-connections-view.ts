// The Live Connections tree view over the pure tree model. Elements are row ids, so a change event names
// rows by id and VS Code refreshes them in place: selection and scroll stay where they were.
import * as vscode from 'vscode';
import type { LiveConnectionsModel, TreeRow, TreeUpdate } from './tree-model.js';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

export class LiveConnectionsProvider implements vscode.TreeDataProvider<string>, vscode.Disposable {
  static readonly viewId = 'socketHygiene.liveConnections';

  private readonly changes = new vscode.EventEmitter<string[] | undefined>();
  readonly onDidChangeTreeData = this.changes.event;

  constructor(private readonly model: LiveConnectionsModel) {}

  /** Tells the view which rows changed: all of them only when the list of endpoints changed. */
  apply(update: TreeUpdate): void {
    if (update.rootsChanged) this.changes.fire(undefined);
    else if (update.changed.length > 0) this.changes.fire(update.changed);
  }

  row(id: string): TreeRow | undefined {
    return this.model.row(id);
  }

  getTreeItem(id: string): vscode.TreeItem {
    const row = this.model.row(id);
    if (row === undefined) return new vscode.TreeItem('(gone)', vscode.TreeItemCollapsibleState.None);
    // A plain string label, description and tooltip: VS Code shows them as text, never as markup.
    const item = new vscode.TreeItem(row.label, COLLAPSIBLE[row.collapsible]);
    item.id = row.id;
    item.description = row.description;
    item.tooltip = row.tooltip;
    item.contextValue = row.kind;
    item.iconPath = new vscode.ThemeIcon(row.icon, row.iconColor === undefined ? undefined : new vscode.ThemeColor(row.iconColor));
    item.accessibilityInformation = { label: row.description === '' ? row.label : `${row.label}, ${row.description}` };
    // A source or a retention chain leads to its line (the command says so when the file is outside the
    // workspace). No arguments: VS Code would tie them to this rendering of the row, and a poll that redraws
    // the endpoint's rows in between makes a click on the old rendering fail with "command not found". The
    // command opens the selected row, which the click selected just before.
    if (row.target !== undefined) item.command = { command: 'socketHygiene.openSource', title: 'Open Source' };
    return item;
  }

  getChildren(id?: string): string[] {
    return [...this.model.children(id)];
  }

  getParent(id: string): string | undefined {
    return this.model.parent(id);
  }

  dispose(): void {
    this.changes.dispose();
  }
}
