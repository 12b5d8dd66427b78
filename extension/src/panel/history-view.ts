// The History webview view: a chart of the selected endpoint's last 10 minutes. The history is kept in
// the extension host and posted on every show, so the view needs no retainContextWhenHidden.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChartData } from './chart-data.js';
import { createNonce, historyHtml } from './history-html.js';

export class HistoryViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'socketHygiene.history';

  private view: vscode.WebviewView | undefined;
  private readonly visibility = new vscode.EventEmitter<boolean>();
  readonly onDidChangeVisibility = this.visibility.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly chartData: () => ChartData,
  ) {}

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const uplotRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', 'uplot');
    const ownRoot = vscode.Uri.joinPath(this.extensionUri, 'extension', 'media', 'history');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [uplotRoot, ownRoot] };
    const asUri = (root: vscode.Uri, file: string): string => view.webview.asWebviewUri(vscode.Uri.joinPath(root, file)).toString();
    view.webview.html = historyHtml({
      cspSource: view.webview.cspSource,
      nonce: createNonce(randomBytes),
      uplotScript: asUri(uplotRoot, 'uPlot.iife.min.js'),
      uplotStyle: asUri(uplotRoot, 'uPlot.min.css'),
      historyScript: asUri(ownRoot, 'history.js'),
      historyStyle: asUri(ownRoot, 'history.css'),
    });
    this.subscriptions.push(
      // The page asks once it has loaded, also after being hidden and shown again (it is rebuilt then).
      view.webview.onDidReceiveMessage((message: unknown) => {
        if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready') this.post();
      }),
      view.onDidChangeVisibility(() => {
        this.visibility.fire(view.visible);
        if (view.visible) this.post();
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.visibility.fire(false);
      }),
    );
    this.visibility.fire(view.visible);
  }

  /** Sends the current history, if the view is there to draw it. */
  post(): void {
    const view = this.view;
    if (view === undefined || !view.visible) return;
    void view.webview.postMessage(this.chartData());
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.visibility.dispose();
  }
}
