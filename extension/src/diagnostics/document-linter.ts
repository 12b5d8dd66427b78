// Keeps the `socket-hygiene` diagnostics of open documents in step with their text: lint on open, on change
// (debounced, a newer edit cancels the older lint) or on save, per `socketHygiene.run`; clear on close.
// The lints run in the lint worker: the host only sends the text and shows what comes back.
import * as vscode from 'vscode';
import type { LintResult, SocketProblem } from '../lint/index';
import type { FixAllResult } from '../lint/fix-all';
import { LintScheduler, type Cancellation } from '../lint/scheduler';
import type { LintSettings } from '../lint/settings';
import type { ConfigSettings } from '../lint/config';
import { LintWorkerStoppedError, type LintWorkerClient } from '../lint/worker/worker-client';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import { isLintable, lintFileName } from './documents';
import { LintSettingsCache } from './settings-cache';
import type { WorkspaceEslint } from './workspace-eslint';

/** The problems of one document version, kept for the code actions: an edit is only valid for that version. */
export interface LintedVersion {
  version: number;
  text: string;
  problems: readonly SocketProblem[];
}

export type LintTrigger = 'open' | 'change' | 'save' | 'settings';

export class DocumentLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly scheduler = new LintScheduler();
  private readonly linted = new Map<string, LintedVersion>();
  /** `uri@version` of rule failures already logged, so a failing rule is logged once per document version. */
  private readonly loggedFailures = new Set<string>();
  private loggedLoadFailure = false;
  private readonly settings = new LintSettingsCache();

  constructor(
    private readonly output: Pick<vscode.OutputChannel, 'appendLine'>,
    private readonly workspaceEslint: WorkspaceEslint,
    private readonly worker: LintWorkerClient,
  ) {}

  /**
   * The problems of the document's current text, or undefined when the last lint saw another text. A version
   * bumped without a text change (VS Code does that, e.g. on reload from disk) keeps the offsets valid.
   */
  current(document: vscode.TextDocument): LintedVersion | undefined {
    const linted = this.linted.get(document.uri.toString());
    if (!linted) return undefined;
    return linted.version === document.version || linted.text === document.getText() ? linted : undefined;
  }

  /** Whether this document should be linted now, under the settings of its folder. */
  shouldLint(document: vscode.TextDocument, settings: LintSettings = this.settings.of(document)): boolean {
    if (settings.enable === false || !isLintable(document, settings)) return false;
    return !(settings.enable === 'auto' && this.workspaceEslint.eslintExtensionCovers(document.uri));
  }

  /** Reacts to an event of a document: schedules, runs or clears its lint. */
  trigger(document: vscode.TextDocument, trigger: LintTrigger): void {
    const key = document.uri.toString();
    const settings = this.settings.of(document);
    if (!this.shouldLint(document, settings)) {
      this.clear(document.uri);
      return;
    }
    if (trigger === 'change') {
      if (settings.run !== 'onType') return;
      this.scheduler.schedule(key, settings.debounceMs, (cancellation) => this.lintNow(document, settings, cancellation));
      return;
    }
    void this.scheduler.runNow(key, (cancellation) => this.lintNow(document, settings, cancellation));
  }

  /** `socketHygiene.*` or the workspace folders changed: the next trigger reads the settings again. */
  forgetSettings(): void {
    this.settings.clear();
  }

  clear(uri: vscode.Uri): void {
    const key = uri.toString();
    this.scheduler.cancel(key);
    this.linted.delete(key);
    this.collection.delete(uri);
  }

  /** Lints a text that is no open document's (the workspace lint reads files from disk). */
  async lintText(text: string, fileName: string, settings: LintSettings): Promise<LintResult> {
    const result = await this.worker.lint(undefined, { text, fileName, settings: lintPart(settings) });
    if (!result) throw new Error(`the lint of ${fileName} was dropped`);
    return result;
  }

  /** Fix-all's rounds on a text, as one request to the worker. */
  fixAllText(text: string, fileName: string, settings: LintSettings, firstProblems?: readonly SocketProblem[]): Promise<FixAllResult> {
    return this.worker.fixAll({ text, fileName, settings: lintPart(settings) }, firstProblems);
  }

  /** Shows a lint result for a file that is not open (the workspace lint). */
  showFileResult(uri: vscode.Uri, result: LintResult): void {
    this.collection.set(uri, result.problems.map(toDiagnostic));
  }

  /** Logs a rule failure once per document version. */
  logRuleFailures(uri: vscode.Uri, version: number | string, result: LintResult): void {
    if (result.ruleFailures.length === 0) return;
    const key = `${uri.toString()}@${version}`;
    if (this.loggedFailures.has(key)) return;
    this.loggedFailures.add(key);
    for (const failure of result.ruleFailures) {
      this.output.appendLine(
        `[${new Date().toISOString()}] ${failure.ruleId ?? 'A rule'} failed on ${uri.fsPath || uri.toString()} (version ${version}); ` +
          `the other rules still ran. Please report this with the file if you can.\n${failure.message}`,
      );
    }
  }

  private async lintNow(document: vscode.TextDocument, settings: LintSettings, cancellation: Cancellation): Promise<void> {
    const version = document.version;
    const text = document.getText();
    let result: LintResult | undefined;
    try {
      result = await this.worker.lint(document.uri.toString(), { text, fileName: lintFileName(document), settings: lintPart(settings) });
    } catch (error) {
      // After the worker's second crash the user was told once; every lint until Restart ends here.
      if (!(error instanceof LintWorkerStoppedError)) this.logLoadFailure(error);
      return;
    }
    // A newer edit, a close or a settings change made this result stale; its own lint will follow.
    if (!result || cancellation.isCancelled || document.isClosed || document.version !== version) return;
    this.logRuleFailures(document.uri, version, result);
    this.linted.set(document.uri.toString(), { version, text, problems: result.problems });
    this.collection.set(document.uri, result.problems.map(toDiagnostic));
  }

  /** A broken install (the lint bundle missing) is said once, not on every keystroke. */
  private logLoadFailure(error: unknown): void {
    if (this.loggedLoadFailure) return;
    this.loggedLoadFailure = true;
    this.output.appendLine(`Socket Hygiene could not lint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** Forgets what was read from package.json files (their `type` decides the module kind). */
  forgetModuleKinds(): void {
    void this.worker.forgetModuleKinds().catch(() => undefined);
  }

  /** Loads the TypeScript parser in the worker before the first TypeScript file asks for it. */
  prepareTypeScript(): void {
    void this.worker.prepare('warm-up.ts').catch(() => undefined);
  }

  dispose(): void {
    this.scheduler.cancelAll();
    this.collection.dispose();
    void this.worker.dispose();
  }
}

/** Only what changes the lint result crosses to the worker. */
function lintPart(settings: LintSettings): ConfigSettings {
  return { rules: settings.rules, strict: settings.strict, errorHandlerTemplate: settings.errorHandlerTemplate };
}
