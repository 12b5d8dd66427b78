// Attaches the Live Connections panel to every process of a probed command that serves: each `<pid>.json`
// of its URL folder becomes an endpoint of its own, named by what was started, its script and pid. It
// watches until the command ends (a watcher may restart the server under a new pid), then removes the folder.
import { watch, type FSWatcher } from 'node:fs';
import { rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { endpointName, readUrlRecords, type UrlRecord } from './url-records.js';

// fs.watch may miss a rename; the folder is read again at least this often while the command runs.
const RESCAN_MS = 1000;

export class RecordAttacher implements vscode.Disposable {
  private readonly attached = new Set<number>();
  private readonly timer: ReturnType<typeof setInterval>;
  private watcher: FSWatcher | undefined;
  private scanning = false;
  private disposed = false;

  constructor(
    private readonly folder: string,
    /** What was started, as the person knows it: "npm run dev", "server.ts", "Debug: Launch Program". */
    private readonly started: string,
    private readonly output: vscode.OutputChannel,
  ) {
    this.timer = setInterval(() => void this.scan(), RESCAN_MS);
    try {
      this.watcher = watch(folder, () => void this.scan());
      this.watcher.on('error', () => this.watcher?.close()); // the rescans carry on
    } catch {
      this.watcher = undefined;
    }
    void this.scan();
  }

  /** Reads the folder and attaches the records not seen yet. */
  async scan(): Promise<void> {
    if (this.scanning || this.disposed) return;
    this.scanning = true;
    try {
      for (const record of await readUrlRecords(this.folder)) {
        if (this.disposed || this.attached.has(record.pid)) continue;
        this.attached.add(record.pid);
        await this.attach(record);
      }
    } finally {
      this.scanning = false;
    }
  }

  private async attach(record: UrlRecord): Promise<void> {
    const name = endpointName(this.started, record);
    this.output.appendLine(`[probe] ${name} serves its status on ${record.url}`);
    await vscode.commands.executeCommand('socketHygiene.attach', { url: record.url, name });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    this.watcher?.close();
    void rm(this.folder, { recursive: true, force: true });
  }
}
