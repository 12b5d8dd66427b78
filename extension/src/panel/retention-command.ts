// "Socket Hygiene: Explain Retention" and "Open Source": the VS Code side of the Retention group and of the
// rows that lead to a line. The request and what its answers mean live in retention.ts.
import * as vscode from 'vscode';
import type { EndpointMonitor } from './endpoint-monitor.js';
import type { EndpointRegistry } from './endpoint-registry.js';
import { RecentOpens } from './recent-opens.js';
import { requestRetention } from './retention.js';
import { validateRetentionLazily } from './status-schema-loader.js';
import type { TreeRow } from './tree-model.js';

export interface RetentionControl {
  readonly registry: EndpointRegistry<EndpointMonitor>;
  endpointKeyOf(argument: unknown): string | undefined;
  row(id: string): TreeRow | undefined;
  /**
   * The row a click chose. The click selects the row and runs the row's command, and the command may reach
   * the extension before the new selection does: so this waits briefly for a selection change.
   */
  clickedRowId(): Promise<string | undefined>;
  log(line: string): void;
}

const recentOpens = new RecentOpens();

/**
 * Opens the line a source or retention-chain row leads to: from its command (a click) and from its selection
 * (register.ts), whichever comes first; the second of one click's pair is skipped (recent-opens.ts).
 */
export async function openRow(control: Pick<RetentionControl, 'row' | 'log'>, id: string | undefined, options: { preserveFocus: boolean }): Promise<void> {
  const row = id === undefined ? undefined : control.row(id);
  if (id === undefined || row?.target === undefined) {
    control.log(`open source: ${row === undefined ? `no row (${String(id)})` : `${row.label} → nowhere`}`);
    return;
  }
  const { target } = row;
  if (!recentOpens.claim(id, Date.now())) return;
  control.log(`open source: ${row.label} → ${target.kind === 'open' ? `${target.file}:${target.line}` : target.kind}`);
  if (target.kind === 'outside') {
    void vscode.window.showInformationMessage(`Socket Hygiene: ${target.file} is outside the workspace folders, so it is not opened.`);
    return;
  }
  const position = new vscode.Position(target.line - 1, target.column - 1);
  try {
    await vscode.window.showTextDocument(vscode.Uri.file(target.file), {
      selection: new vscode.Range(position, position),
      preview: true,
      preserveFocus: options.preserveFocus,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Socket Hygiene: could not open ${target.file}: ${reason}`);
  }
}

async function pickEndpointKey(control: RetentionControl, argument: unknown): Promise<string | undefined> {
  const named = control.endpointKeyOf(argument);
  if (named !== undefined) return named;
  const monitors = control.registry.all();
  if (monitors.length === 0) {
    void vscode.window.showInformationMessage('Socket Hygiene: no status endpoint is attached.');
    return undefined;
  }
  if (monitors.length === 1) return monitors[0]?.definition.key;
  const picked = await vscode.window.showQuickPick(
    monitors.map((monitor) => ({ label: monitor.definition.name, description: monitor.definition.url, key: monitor.definition.key })),
    { title: 'Explain Retention' },
  );
  return picked?.key;
}

export function registerRetentionCommands(control: RetentionControl): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('socketHygiene.explainRetention', async (argument?: unknown) => {
      const key = await pickEndpointKey(control, argument);
      const monitor = key === undefined ? undefined : control.registry.get(key);
      if (monitor === undefined) return;
      const name = monitor.definition.name;
      if (monitor.snapshot().retention?.state === 'running') {
        void vscode.window.showInformationMessage(`Socket Hygiene: retention on ${name} is being explained already.`);
        return;
      }
      monitor.setRetention({ state: 'running', startedAt: Date.now() });
      control.log(`explain retention: POST to ${new URL('retention', monitor.definition.url).href}`);
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Explaining retention on ${name}`,
          cancellable: true,
        },
        async (progress, token) => {
          progress.report({ message: 'the program pauses while V8 takes a heap snapshot…' });
          const abort = new AbortController();
          const cancelled = token.onCancellationRequested(() => abort.abort());
          try {
            return await requestRetention({
              statusUrl: monitor.definition.url,
              headers: await monitor.requestHeaders(),
              validate: validateRetentionLazily,
              signal: abort.signal,
            });
          } finally {
            cancelled.dispose();
          }
        },
      );
      // Detached meanwhile: the answer belongs to nobody any more.
      if (control.registry.get(monitor.definition.key) !== monitor) return;
      if (result.ok) {
        monitor.setRetention({ state: 'done', at: Date.now(), answer: result.answer });
        control.log(`explain retention on ${name}: ${result.answer.retainedAfterClose} retained, ${result.answer.groups.length} chains`);
      } else {
        monitor.setRetention({ state: 'failed', at: Date.now(), problem: result.problem });
        control.log(`explain retention on ${name}: ${result.problem}`);
        void vscode.window.showErrorMessage(`Socket Hygiene: could not explain retention on ${name}: ${result.problem}`);
      }
      monitor.pollNow();
    }),
    vscode.commands.registerCommand('socketHygiene.openSource', async (argument?: unknown) => {
      const id = typeof argument === 'string' ? argument : await control.clickedRowId();
      await openRow(control, id, { preserveFocus: false });
    }),
  ];
}
