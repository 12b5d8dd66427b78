// The VS Code side of "the editor meets the panel": a CodeLens above each lint finding that a live source or
// a retention chain of an attached endpoint stands for, and the "no lint finding here" note on a chain whose
// collection the linter says nothing about. Reads the diagnostics the linter published (source
// `socket-hygiene`, code = rule id) and the document text; the matching itself is in live-lenses.ts.
import * as vscode from 'vscode';
import type { LiveFeed } from '../panel/register.js';
import { chainHasFinding, liveChains, liveLenses, liveSources, NO_LINT_FINDING, type Finding, type LiveChain } from './live-lenses.js';

const DIAGNOSTIC_SOURCE = 'socket-hygiene';
const RULE_PREFIX = 'socket-hygiene/';
const SELECTOR: vscode.DocumentSelector = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'].map((language) => ({ language, scheme: 'file' }));

function ruleOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  if (code === undefined) return undefined;
  const id = String(code);
  return id.startsWith(RULE_PREFIX) ? id.slice(RULE_PREFIX.length) : id;
}

function findingsOf(document: vscode.TextDocument): Finding[] {
  const findings: Finding[] = [];
  for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const rule = ruleOf(diagnostic);
    if (rule !== undefined) findings.push({ rule, start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end) });
  }
  return findings;
}

export function registerLiveLint(context: vscode.ExtensionContext, feed: LiveFeed): void {
  const changes = new vscode.EventEmitter<void>();
  /** liveKey() with nothing attached: then a change of diagnostics changes no lens. */
  const NOTHING_LIVE = '[[],[]]';
  let lastKey = NOTHING_LIVE;

  /** What the lenses depend on, so a poll that changed no count redraws nothing. */
  function liveKey(): string {
    const snapshots = feed.snapshots();
    return JSON.stringify([liveSources(snapshots).map((entry) => [entry.endpointName, entry.source]), liveChains(snapshots)]);
  }

  async function noteChainsWithoutFinding(): Promise<void> {
    const byEndpoint = new Map<string, LiveChain[]>();
    for (const chain of liveChains(feed.snapshots())) {
      if (vscode.workspace.getWorkspaceFolder(vscode.Uri.file(chain.file)) === undefined) continue;
      byEndpoint.set(chain.endpointKey, [...(byEndpoint.get(chain.endpointKey) ?? []), chain]);
    }
    for (const snapshot of feed.snapshots()) {
      const notes = new Map<number, string>();
      for (const chain of byEndpoint.get(snapshot.definition.key) ?? []) {
        let document: vscode.TextDocument;
        try {
          // Opening (not showing) the file also has the linter lint it, if it never was.
          document = await vscode.workspace.openTextDocument(vscode.Uri.file(chain.file));
        } catch {
          continue;
        }
        if (!chainHasFinding(chain, document.getText(), findingsOf(document))) notes.set(chain.index, NO_LINT_FINDING);
      }
      feed.setRetentionNotes(snapshot.definition.key, notes);
    }
  }

  /** `force`: the diagnostics changed, so the same live data may now meet other findings. */
  function refresh(force: boolean): void {
    const key = liveKey();
    if (key === lastKey && (!force || key === NOTHING_LIVE)) return;
    lastKey = key;
    changes.fire();
    void noteChainsWithoutFinding();
  }

  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changes.event,
    provideCodeLenses(document) {
      const snapshots = feed.snapshots();
      const sources = liveSources(snapshots);
      const chains = liveChains(snapshots);
      if (sources.length === 0 && chains.length === 0) return [];
      const file = document.uri.fsPath;
      if (!sources.some((source) => source.file === file) && !chains.some((chain) => chain.file === file)) return [];
      return liveLenses(file, document.getText(), findingsOf(document), sources, chains).map((lens) => {
        const position = new vscode.Position(lens.line, 0);
        return new vscode.CodeLens(new vscode.Range(position, position), {
          title: lens.title,
          tooltip: lens.tooltip,
          command: 'socketHygiene.liveConnections.focus',
        });
      });
    },
  };

  context.subscriptions.push(
    changes,
    vscode.languages.registerCodeLensProvider(SELECTOR, provider),
    feed.onDidChange(() => refresh(false)),
    vscode.languages.onDidChangeDiagnostics(() => refresh(true)),
  );
}
