// socket-hygiene problems in a real VS Code: the fixtures' annotations as diagnostics, quick fixes, the disable
// comment, fix-all on save, and settings that apply at once. Every test works on a temporary copy of a fixture
// in the harness's temporary workspace folder (which has no ESLint config, so "auto" lints).
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
// @ts-expect-error: plain .mjs benchmark helpers without type declarations (bundled into the test suite)
import { javascriptFixture } from '../../../bench/lib/editor-fixtures.mjs';
// @ts-expect-error: plain .mjs benchmark helpers without type declarations (bundled into the test suite)
import { generateSocketCode } from '../../../bench/lib/generate.mjs';

const SOURCE = 'socket-hygiene';
const EXPECT = /\/\/ expect: (socket-hygiene\/[a-z-]+(?:, *socket-hygiene\/[a-z-]+)*)\s*$/;

function repositoryRoot(): string {
  const root = process.env.SOCKET_HYGIENE_REPO;
  assert.ok(root, 'the harness passes SOCKET_HYGIENE_REPO');
  return root;
}

function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return folder.uri;
}

let copies = 0;
/** Copies a fixture file into a fresh folder of the workspace and returns the copy's URI. */
function copyFixture(fixture: string): vscode.Uri {
  copies += 1;
  const target = path.join(workspaceFolder().fsPath, `copy-${copies}`, fixture);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(path.join(repositoryRoot(), 'test-fixtures', fixture), target);
  return vscode.Uri.file(target);
}

/** The plugin's rules, one file each. */
function shippedRules(): Set<string> {
  const files = readdirSync(path.join(repositoryRoot(), 'eslint-plugin', 'src', 'rules'));
  return new Set(files.filter((file) => file.endsWith('.ts')).map((file) => `socket-hygiene/${file.slice(0, -3)}`));
}

/**
 * `[rule id, 1-based line]` of each annotation. An annotation naming a rule the plugin does not have fails
 * here (a renamed rule must not silently drop its annotations), and so does a fixture without annotations.
 */
function annotations(fixture: string): [string, number][] {
  const text = readFileSync(path.join(repositoryRoot(), 'test-fixtures', fixture), 'utf8');
  const shipped = shippedRules();
  const expected: [string, number][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = EXPECT.exec(line);
    for (const ruleId of match?.[1]?.split(',') ?? []) {
      assert.ok(shipped.has(ruleId.trim()), `${fixture}:${index + 1} names ${ruleId.trim()}, which the plugin does not have`);
      expected.push([ruleId.trim(), index + 1]);
    }
  });
  assert.ok(expected.length > 0, `${fixture} has no // expect: annotation`);
  return expected;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Rule, range and message of every problem, in order: what must agree between two lints of one text. */
function detailed(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((d) => `${ruleOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .sort();
}

function summary(uri: vscode.Uri): [string, number][] {
  return ours(uri)
    .map((diagnostic): [string, number] => [ruleOf(diagnostic), diagnostic.range.start.line + 1])
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

/** Waits for the diagnostics of `uri` to satisfy `condition`, woken by VS Code's diagnostics event (bounded). */
function waitForDiagnostics(uri: vscode.Uri, condition: (diagnostics: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = ours(uri);
      if (!condition(diagnostics)) return false;
      cleanup();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; diagnostics now: ${JSON.stringify(summary(uri))}`));
    }, timeoutMs);
    function cleanup(): void {
      subscription.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/** The quick fixes VS Code offers on the diagnostic's range, in the order it shows them. */
async function codeActions(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
}

/** Every `<case>/leaky.*` of test-fixtures: a new leaky fixture joins these tests without being listed. */
function leakyFixtures(): string[] {
  const root = path.join(repositoryRoot(), 'test-fixtures');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => readdirSync(path.join(root, entry.name)).filter((file) => /^leaky\.[cm]?[jt]sx?$/.test(file)).map((file) => `${entry.name}/${file}`))
    .sort();
}

const LEAKY_FIXTURES = leakyFixtures();

describe('socket-hygiene diagnostics', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds the leaky fixtures', () => {
    // The fixtures are read from disk: an empty or short list would make the tests below pass vacuously.
    assert.ok(LEAKY_FIXTURES.length >= 11, `only ${LEAKY_FIXTURES.length} leaky fixtures: ${LEAKY_FIXTURES.join(', ')}`);
  });

  for (const fixture of LEAKY_FIXTURES) {
    it(`${fixture}: exactly the annotated problems`, async () => {
      const expected = annotations(fixture);
      const uri = copyFixture(fixture);
      await open(uri);
      await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === expected.length, `${expected.length} problems`);
      assert.deepEqual(summary(uri), [...expected].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])));
      for (const diagnostic of ours(uri)) {
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
        assert.ok(typeof diagnostic.code === 'object' && diagnostic.code.target.scheme.startsWith('http'), 'the rule id links to its docs');
      }
    });
  }

  it('a clean twin has no problems', async () => {
    const clean = copyFixture('set-no-removal/clean.js');
    await open(clean);
    // Lints run in the order the files open: once the leaky twin opened after it is linted, so is the clean one.
    const leaky = copyFixture('set-no-removal/leaky.js');
    await open(leaky);
    await waitForDiagnostics(leaky, (found) => found.length === 1, 'the leaky twin linted');
    assert.deepEqual(summary(clean), []);
  });

  it('the first quick fix changes the text and the problem goes away on the relint', async () => {
    const uri = copyFixture('set-no-removal/leaky.js');
    const document = await open(uri);
    const [diagnostic] = await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 1, 'the remove-on-close problem');
    assert.ok(diagnostic);
    const actions = await codeActions(document, diagnostic);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Disable socket-hygiene/remove-on-close for this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for socket-hygiene/remove-on-close'), titles.join(' | '));
    const [first] = actions;
    assert.ok(first?.edit && first.isPreferred, 'the first action is the preferred suggestion');
    const before = document.getText();
    assert.ok(await vscode.workspace.applyEdit(first.edit));
    assert.notEqual(document.getText(), before);
    assert.match(document.getText(), /'close'/);
    await waitForDiagnostics(uri, (diagnostics) => diagnostics.length === 0, 'the problem to go away');
  });

  it('the preferred quick fix of every leaky fixture clears its problem', async function () {
    this.timeout(180_000); // every fixture opened, fixed and relinted in turn
    const unfixed: string[] = [];
    for (const fixture of LEAKY_FIXTURES) {
      const expected = annotations(fixture);
      const uri = copyFixture(fixture);
      const document = await open(uri);
      const diagnostics = await waitForDiagnostics(uri, (found) => found.length === expected.length, `${fixture} linted`);
      // The first problem that has a preferred quick fix; a fixture none of whose problems has one fails.
      let preferred: vscode.CodeAction | undefined;
      for (const diagnostic of diagnostics) {
        preferred = (await codeActions(document, diagnostic)).find((action) => action.isPreferred && action.edit);
        if (preferred) break;
      }
      if (!preferred?.edit) {
        unfixed.push(fixture);
        continue;
      }
      assert.ok(await vscode.workspace.applyEdit(preferred.edit));
      await waitForDiagnostics(uri, (found) => found.length === expected.length - 1, `${fixture}: one problem fewer after "${preferred.title}"`);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    assert.deepEqual(unfixed, [], 'leaky fixtures without a preferred quick fix');
  });

  it('the disable comment silences exactly one line', async () => {
    const uri = copyFixture('server-without-error-listener/leaky.cjs');
    const document = await open(uri);
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length >= 1, 'problems');
    const count = diagnostics.length;
    const target = diagnostics[0];
    assert.ok(target);
    const rule = ruleOf(target).replace('socket-hygiene/', '');
    const disable = (await codeActions(document, target)).find((action) => action.title.startsWith('Disable'));
    assert.ok(disable?.edit);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    const line = target.range.start.line;
    assert.equal(document.lineAt(line).text.trim(), `// socket-hygiene-disable-next-line ${rule}`);
    assert.equal(document.lineAt(line).firstNonWhitespaceCharacterIndex, document.lineAt(line + 1).firstNonWhitespaceCharacterIndex);
    // Problems on the disabled line (now line + 1) go, the others stay.
    const onLine = diagnostics.filter((d) => d.range.start.line === line && ruleOf(d) === ruleOf(target)).length;
    const after = await waitForDiagnostics(uri, (found) => found.length === count - onLine, 'the line to be silenced');
    assert.ok(after.every((d) => d.range.start.line !== line + 1 || ruleOf(d) !== ruleOf(target)));
  });

  it('fix-all on save cleans a fixture with several problems', async () => {
    const settings = vscode.workspace.getConfiguration('editor');
    await settings.update('codeActionsOnSave', { 'source.fixAll.socketHygiene': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = copyFixture('server-without-error-listener/leaky.cjs');
      const document = await open(uri);
      await waitForDiagnostics(uri, (found) => found.length >= 2, 'several problems');
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor);
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// edited\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.equal(document.isDirty, false);
      await waitForDiagnostics(uri, (found) => found.length === 0, 'no problems after fix-all on save');
      assert.match(document.getText(), /'error'/);
    } finally {
      await settings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Socket Hygiene: Fix All in File" fixes the active file', async () => {
    const uri = copyFixture('set-no-removal/leaky.js');
    await open(uri);
    await waitForDiagnostics(uri, (found) => found.length === 1, 'the problem');
    await vscode.commands.executeCommand('socketHygiene.fixAll');
    await waitForDiagnostics(uri, (found) => found.length === 0, 'no problems after Fix All');
  });

  it('turning a rule off in socketHygiene.rules removes its problems at once, and back on', async () => {
    const uri = copyFixture('set-no-removal/leaky.js');
    await open(uri);
    await waitForDiagnostics(uri, (found) => found.length === 1, 'the problem');
    const configuration = vscode.workspace.getConfiguration('socketHygiene');
    try {
      await configuration.update('rules', { 'remove-on-close': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (found) => found.length === 0, 'the rule to be off');
      await configuration.update('rules', { 'remove-on-close': 'error' }, vscode.ConfigurationTarget.Workspace);
      const [diagnostic] = await waitForDiagnostics(uri, (found) => found.length === 1, 'the rule back on');
      assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await configuration.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a socketHygiene.exclude pattern that names the file clears its problems, and removing it brings them back', async () => {
    // Matching a pattern loads minimatch from its own bundle (dist/minimatch.js, scripts/lazy-minimatch.mjs):
    // this is the .vsix's path to it.
    const uri = copyFixture('set-no-removal/leaky.js');
    await open(uri);
    await waitForDiagnostics(uri, (found) => found.length === 1, 'the problem');
    const folder = path.relative(workspaceFolder().fsPath, uri.fsPath).split(path.sep)[0];
    const configuration = vscode.workspace.getConfiguration('socketHygiene');
    try {
      await configuration.update('exclude', [`${folder}/**/leaky.js`], vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (found) => found.length === 0, 'the file excluded');
      await configuration.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, (found) => found.length === 1, 'the file linted again');
    } finally {
      await configuration.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('typing into a 2,000-line file while the worker lints it ends with the diagnostics of the final text', async function () {
    this.timeout(120_000);
    const folder = path.join(workspaceFolder().fsPath, 'typing');
    mkdirSync(folder, { recursive: true });
    const uri = vscode.Uri.file(path.join(folder, 'large.js'));
    const large = (javascriptFixture as (generate: unknown, lines: number) => string)(generateSocketCode, 2000);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(large));
    const document = await open(uri);
    const before = await waitForDiagnostics(uri, (found) => found.length > 0, 'the large file linted');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document === document);
    // A leaky server typed at the end, a few characters at a time: pauses longer than the 200 ms debounce let
    // lints start, and the next keystrokes arrive while the worker is still busy with the 2,000 lines.
    const typed = "\nconst typedSockets = new Set();\nnet.createServer((typedSocket) => {\n  typedSockets.add(typedSocket);\n}).on('error', () => {});\n";
    for (let index = 0; index < typed.length; index += 6) {
      const end = document.lineAt(document.lineCount - 1).range.end;
      assert.ok(await editor.edit((edit) => edit.insert(end, typed.slice(index, index + 6))));
      await new Promise((resolve) => setTimeout(resolve, index % 36 === 0 ? 260 : 30));
    }
    const finalText = document.getText();
    // The oracle: the same final text in a fresh file, linted once from scratch.
    const fresh = vscode.Uri.file(path.join(folder, 'fresh.js'));
    await vscode.workspace.fs.writeFile(fresh, new TextEncoder().encode(finalText));
    await open(fresh);
    const expected = detailed(await waitForDiagnostics(fresh, (found) => found.length > before.length, 'the final text linted from scratch'));
    assert.ok(expected.some((line) => line.startsWith('socket-hygiene/remove-on-close') && line.includes(`${document.lineCount - 3}:`)), 'the typed server is reported');
    await waitForDiagnostics(uri, (found) => JSON.stringify(detailed(found)) === JSON.stringify(expected), 'the typed file to show the final text’s diagnostics', 30_000);
    assert.equal(document.getText(), finalText);
  });

  it('"Socket Hygiene: Lint Workspace" fills the Problems panel for files not open', async () => {
    const uri = copyFixture('map-end-only/leaky.mjs');
    await vscode.commands.executeCommand('socketHygiene.lintWorkspace');
    const diagnostics = await waitForDiagnostics(uri, (found) => found.length === 1, 'the workspace lint');
    assert.equal(ruleOf(diagnostics[0] as vscode.Diagnostic), 'socket-hygiene/remove-on-close');
  });
});
