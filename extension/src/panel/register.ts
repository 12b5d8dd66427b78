// Wires the Live Connections panel into VS Code: tree view, History webview, badge, status bar item,
// commands and settings. The logic lives in the modules without `vscode` (endpoint-monitor, poller,
// tree-model, leak-signal, ...); this file only connects them to the views.
import * as vscode from 'vscode';
import { chartData } from './chart-data.js';
import { EndpointMonitor } from './endpoint-monitor.js';
import { EndpointRegistry } from './endpoint-registry.js';
import { parseEndpointSettings, type EndpointDefinition } from './endpoint-settings.js';
import { HistoryViewProvider } from './history-view.js';
import { LiveConnectionsProvider } from './live-connections-view.js';
import { registerPanelCommands, type PanelControl } from './panel-commands.js';
import { openRow, registerRetentionCommands, type RetentionControl } from './retention-command.js';
import type { EndpointSnapshot } from './endpoint-monitor.js';
import { BACKGROUND_POLL_INTERVAL_MS, readPanelSettings, SECTION, type PanelSettings } from './panel-settings.js';
import { createStatusBarItem, updateStatusBarItem } from './status-bar.js';
import { validateStatusLazily } from './status-schema-loader.js';
import { LiveConnectionsModel } from './tree-model.js';
import { formatCount } from './format.js';

export { LiveConnectionsProvider } from './live-connections-view.js';

function tokenKey(url: string): string {
  return `socketHygiene.token:${new URL(url).origin}`;
}

/** What other parts of the extension (the editor's live counts) read from the panel. */
export interface LiveFeed {
  /** After every poll, attach, detach and Explain retention. */
  readonly onDidChange: vscode.Event<void>;
  /** The attached endpoints as they are now. */
  snapshots(): EndpointSnapshot[];
  /** Notes shown beside retention chains ("no lint finding here"), per chain index of one endpoint. */
  setRetentionNotes(endpointKey: string, notes: ReadonlyMap<number, string>): void;
}

function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
}

export function registerPanel(context: vscode.ExtensionContext, output: vscode.OutputChannel): LiveFeed {
  let settings: PanelSettings = readPanelSettings();
  /** Attached with the command in this window; settings endpoints come first. */
  const attached: EndpointDefinition[] = [];
  /** Settings endpoints detached in this window, until the setting changes. */
  const detached = new Set<string>();
  const model = new LiveConnectionsModel();
  const treeProvider = new LiveConnectionsProvider(model);
  const treeView = vscode.window.createTreeView(LiveConnectionsProvider.viewId, { treeDataProvider: treeProvider, showCollapseAll: true });
  const statusBarItem = createStatusBarItem();
  let renderTimer: ReturnType<typeof setTimeout> | undefined;
  const lastStates = new Map<string, string>();
  const retentionNotes = new Map<string, ReadonlyMap<number, string>>();
  const changes = new vscode.EventEmitter<void>();

  const viewsVisible = (): boolean => treeView.visible || historyProvider.visible;
  const intervalMs = (): number => (viewsVisible() ? settings.pollIntervalMs : Math.max(settings.pollIntervalMs, BACKGROUND_POLL_INTERVAL_MS));

  const registry = new EndpointRegistry(
    (definition) =>
      new EndpointMonitor(definition, {
        intervalMs,
        timeoutMs: () => settings.requestTimeoutMs,
        idleLimitMs: () => settings.idleLimitMs,
        headers: async () => {
          // The token is looked up by this endpoint's origin and sent to that origin only.
          const token = await context.secrets.get(tokenKey(definition.url));
          return token ? { ...definition.headers, authorization: `Bearer ${token}` } : { ...definition.headers };
        },
        validate: validateStatusLazily,
        onChange: (monitor) => {
          logTransition(monitor);
          scheduleRender();
        },
      }),
  );
  const historyProvider = new HistoryViewProvider(context.extension.extensionUri, () => chartData(registry.selected?.snapshot()));

  function logTransition(monitor: EndpointMonitor): void {
    const snapshot = monitor.snapshot();
    const line = snapshot.problem ?? snapshot.state;
    // One line per change of state, not per poll: a failing endpoint does not flood the log.
    if (lastStates.get(monitor.definition.key) === line) return;
    lastStates.set(monitor.definition.key, line);
    output.appendLine(`[panel] ${monitor.definition.name} (${monitor.definition.url}): ${line}`);
  }

  function scheduleRender(): void {
    renderTimer ??= setTimeout(() => {
      renderTimer = undefined;
      render();
    }, 0);
  }

  function render(): void {
    const snapshots = registry.snapshots();
    for (const key of retentionNotes.keys()) if (registry.get(key) === undefined) retentionNotes.delete(key);
    treeProvider.apply(model.update(snapshots, registry.selectedEndpointKey, Date.now(), { workspaceFolders: workspaceFolderPaths(), retentionNotes }));
    const selected = registry.selected?.snapshot();
    updateStatusBarItem(statusBarItem, selected);
    const count = selected?.report?.activeConnections;
    treeView.badge =
      selected !== undefined && count !== undefined
        ? { value: count, tooltip: `${formatCount(count)} active connections on ${selected.definition.name}` }
        : undefined;
    historyProvider.post();
    void vscode.commands.executeCommand('setContext', 'socketHygiene.attached', registry.size > 0);
    changes.fire();
  }

  function reconcile(): void {
    const parsed = parseEndpointSettings(settings.endpoints);
    for (const problem of parsed.problems) output.appendLine(`[panel] ${problem}`);
    treeView.message = parsed.problems.length > 0 ? `Settings: ${parsed.problems[0]}` : undefined;
    const fromSettings = parsed.endpoints.filter((definition) => !detached.has(definition.key));
    const keys = new Set(fromSettings.map((definition) => definition.key));
    registry.reconcile([...fromSettings, ...attached.filter((definition) => !keys.has(definition.key))]);
    scheduleRender();
  }

  const control: PanelControl = {
    registry,
    attach(definition) {
      detached.delete(definition.key);
      if (!attached.some((known) => known.key === definition.key)) attached.push(definition);
      reconcile();
      registry.select(definition.key);
      output.appendLine(`[panel] attached ${definition.url}`);
      void vscode.commands.executeCommand(`${LiveConnectionsProvider.viewId}.focus`);
      scheduleRender();
    },
    detach(key) {
      const index = attached.findIndex((known) => known.key === key);
      if (index >= 0) attached.splice(index, 1);
      detached.add(key);
      lastStates.delete(key);
      reconcile();
      output.appendLine(`[panel] detached ${key}`);
    },
    setPaused(paused) {
      registry.setPaused(paused);
      void vscode.commands.executeCommand('setContext', 'socketHygiene.pollingPaused', paused);
      output.appendLine(`[panel] polling ${paused ? 'paused' : 'resumed'}`);
      scheduleRender();
    },
    endpointKeyOf(argument) {
      if (typeof argument !== 'string') return undefined;
      const row = treeProvider.row(argument);
      if (row !== undefined) return row.endpointKey;
      if (registry.get(argument) !== undefined) return argument;
      try {
        const href = new URL(argument).href;
        return registry.get(href) !== undefined ? href : undefined;
      } catch {
        return undefined;
      }
    },
    tokenKey,
    log: (line) => output.appendLine(`[panel] ${line}`),
  };

  const onVisibility = (): void => registry.reschedule();

  /**
   * The row a click chose: a selection other than the one at the command's start, arriving within 150 ms,
   * else the selection as it is then (a click on the row that was selected already, or a selection that
   * arrived first). Focus moving into the tree may first repeat the old selection or clear it: those are skipped.
   */
  function clickedRowId(): Promise<string | undefined> {
    const before = treeView.selection[0];
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        listener.dispose();
        resolve(treeView.selection[0]);
      }, 150);
      const listener = treeView.onDidChangeSelection((event) => {
        const chosen = event.selection[0];
        if (chosen === undefined || chosen === before) return;
        clearTimeout(timer);
        listener.dispose();
        resolve(chosen);
      });
    });
  }

  const retentionControl: RetentionControl = {
    registry,
    endpointKeyOf: (argument) => control.endpointKeyOf(argument),
    row: (id) => treeProvider.row(id),
    clickedRowId,
    log: (line) => control.log(line),
  };

  context.subscriptions.push(
    treeView,
    treeProvider,
    statusBarItem,
    historyProvider,
    vscode.window.registerWebviewViewProvider(HistoryViewProvider.viewId, historyProvider),
    treeView.onDidChangeVisibility(onVisibility),
    historyProvider.onDidChangeVisibility(onVisibility),
    treeView.onDidChangeSelection((event) => {
      const id = event.selection[0];
      const row = id === undefined ? undefined : treeProvider.row(id);
      if (row !== undefined && registry.select(row.endpointKey)) scheduleRender();
      // A row that leads to a line opens on selection too: one click suffices even when the click that moved
      // the focus into the tree ran no command. The focus stays in the tree (the arrow keys select as well).
      if (row?.target !== undefined) void openRow(retentionControl, id, { preserveFocus: true });
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      settings = readPanelSettings();
      if (event.affectsConfiguration(`${SECTION}.endpoints`)) {
        detached.clear();
        reconcile();
      } else {
        registry.reschedule();
        scheduleRender();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      settings = readPanelSettings();
      reconcile();
    }),
    ...registerPanelCommands(context, control),
    ...registerRetentionCommands(retentionControl),
    vscode.workspace.onDidChangeWorkspaceFolders(() => scheduleRender()),
    changes,
    { dispose: () => registry.dispose() },
    { dispose: () => renderTimer !== undefined && clearTimeout(renderTimer) },
  );
  reconcile();
  output.appendLine(`Registered views ${LiveConnectionsProvider.viewId} and ${HistoryViewProvider.viewId}.`);
  return {
    onDidChange: changes.event,
    snapshots: () => registry.snapshots(),
    setRetentionNotes(endpointKey, notes) {
      const before = retentionNotes.get(endpointKey);
      const same = before !== undefined && before.size === notes.size && [...notes].every(([index, note]) => before.get(index) === note);
      if (same || (before === undefined && notes.size === 0)) return;
      retentionNotes.set(endpointKey, notes);
      scheduleRender();
    },
  };
}
