// What to run under the probe: the program or npm script given to the command, else the JavaScript or
// TypeScript file in the active editor, else one chosen from the workspace's npm scripts and program
// files, or from a file dialog.
import * as vscode from 'vscode';
import { isTypeScriptFile } from './typescript-runner.js';

export type ProbeTarget =
  | { kind: 'file'; uri: vscode.Uri }
  /** `npm run <name>` in `folder`, the folder of the package.json that lists the script. */
  | { kind: 'npmScript'; name: string; folder: vscode.Uri };

const JAVASCRIPT_FILE = /\.(?:c|m)?js$/i;
const MAX_LISTED_FILES = 500;

export function isProgramFile(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && (JAVASCRIPT_FILE.test(uri.fsPath) || isTypeScriptFile(uri.fsPath));
}

/** A Uri or path string (a program), or `{ npmScript, folder? }`, given by another command or a menu. */
function givenTarget(argument: unknown): ProbeTarget | undefined {
  if (argument instanceof vscode.Uri) return { kind: 'file', uri: argument };
  if (typeof argument === 'string' && argument.trim() !== '') return { kind: 'file', uri: vscode.Uri.file(argument.trim()) };
  const npm = argument as { npmScript?: unknown; folder?: unknown } | undefined;
  if (typeof npm?.npmScript === 'string') {
    const folder = npm.folder instanceof vscode.Uri ? npm.folder : typeof npm.folder === 'string' ? vscode.Uri.file(npm.folder) : vscode.workspace.workspaceFolders?.[0]?.uri;
    if (folder) return { kind: 'npmScript', name: npm.npmScript, folder };
  }
  return undefined;
}

async function browse(title: string, typeScript: boolean): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    openLabel: title,
    canSelectMany: false,
    filters: typeScript ? { Programs: ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'] } : { JavaScript: ['js', 'mjs', 'cjs'] },
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0];
}

/** The `scripts` of each workspace folder's package.json. */
async function npmScripts(): Promise<Array<{ name: string; command: string; folder: vscode.Uri }>> {
  const scripts: Array<{ name: string; command: string; folder: vscode.Uri }> = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'package.json')));
      const listed = (JSON.parse(text) as { scripts?: Record<string, unknown> }).scripts ?? {};
      for (const [name, command] of Object.entries(listed)) {
        if (typeof command === 'string') scripts.push({ name, command, folder: folder.uri });
      }
    } catch {
      // no package.json, or not JSON: no scripts from this folder
    }
  }
  return scripts;
}

async function pickFromWorkspace(title: string, withNpmScripts: boolean): Promise<ProbeTarget | undefined> {
  const pattern = withNpmScripts ? '**/*.{js,mjs,cjs,ts,mts,cts}' : '**/*.{js,mjs,cjs}';
  const files = (await vscode.workspace.findFiles(pattern, '**/node_modules/**', MAX_LISTED_FILES)).filter((uri) => !/\.d\.(?:c|m)?ts$/.test(uri.path));
  const scripts = withNpmScripts ? await npmScripts() : [];
  if (files.length === 0 && scripts.length === 0) {
    const uri = await browse(title, withNpmScripts);
    return uri && { kind: 'file', uri };
  }
  type Item = vscode.QuickPickItem & { target?: ProbeTarget };
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const scriptItems: Item[] = scripts.map((script) => ({
    label: `$(package) npm run ${script.name}`,
    description: multiRoot ? `${script.command} · ${vscode.workspace.asRelativePath(script.folder)}` : script.command,
    target: { kind: 'npmScript', name: script.name, folder: script.folder },
  }));
  // In a multi-root workspace the path starts with its folder's name.
  const fileItems: Item[] = files
    .map((uri): Item => ({ label: vscode.workspace.asRelativePath(uri), target: { kind: 'file', uri } }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick<Item>([...scriptItems, ...fileItems, { label: '$(folder-opened) Browse…' }], {
    title,
    placeHolder: withNpmScripts ? 'An npm script (every Node process it starts gets the probe) or a program' : 'The program to run with the probe',
    matchOnDescription: true,
  });
  if (picked === undefined) return undefined;
  if (picked.target) return picked.target;
  const uri = await browse(title, withNpmScripts);
  return uri && { kind: 'file', uri };
}

/**
 * What to run, its file saved if it had unsaved changes; undefined when the person chose none.
 * `withNpmScripts` false limits the choice to JavaScript files (the debugger's launch).
 */
export async function pickTarget(argument: unknown, { title = 'Start with Probe', withNpmScripts = true } = {}): Promise<ProbeTarget | undefined> {
  const given = givenTarget(argument);
  if (given !== undefined) return given;
  const editor = vscode.window.activeTextEditor;
  const accepted = withNpmScripts ? isProgramFile : (uri: vscode.Uri) => uri.scheme === 'file' && JAVASCRIPT_FILE.test(uri.fsPath);
  if (editor !== undefined && accepted(editor.document.uri)) {
    // The program runs from disk, so what is on screen must be there.
    if (editor.document.isDirty) await editor.document.save();
    return { kind: 'file', uri: editor.document.uri };
  }
  return pickFromWorkspace(title, withNpmScripts);
}
