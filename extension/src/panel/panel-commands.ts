// The panel's commands: attach, detach, pause/resume, copy snapshot, set token. Each takes an optional
// argument (a tree row id from a context menu, or a URL for attach) and otherwise asks.
import * as vscode from 'vscode';
import { checkEndpointUrl, defaultEndpointName, type EndpointDefinition } from './endpoint-settings.js';
import type { EndpointMonitor } from './endpoint-monitor.js';
import type { EndpointRegistry } from './endpoint-registry.js';

const RECENT_URLS_KEY = 'socketHygiene.recentUrls';
const MAX_RECENT_URLS = 10;

export interface PanelControl {
  readonly registry: EndpointRegistry<EndpointMonitor>;
  attach(definition: EndpointDefinition): void;
  detach(key: string): void;
  setPaused(paused: boolean): void;
  /** The endpoint key a command argument names: a tree row id or an endpoint key or URL. */
  endpointKeyOf(argument: unknown): string | undefined;
  tokenKey(url: string): string;
  log(line: string): void;
}

async function askForUrl(context: vscode.ExtensionContext): Promise<string | undefined> {
  const recent = context.globalState.get<string[]>(RECENT_URLS_KEY, []);
  let value = '';
  if (recent.length > 0) {
    const newUrl = { label: '$(add) Enter a URL…', url: undefined };
    const picked = await vscode.window.showQuickPick([newUrl, ...recent.map((url) => ({ label: url, description: 'recently used', url }))], {
      title: 'Attach to Status Endpoint',
      placeHolder: 'A recently used status endpoint, or a new URL',
    });
    if (picked === undefined) return undefined;
    if (picked.url !== undefined) return picked.url;
    value = recent[0] ?? '';
  }
  return vscode.window.showInputBox({
    title: 'Attach to Status Endpoint',
    prompt: 'The URL of a status endpoint (GET returns the status JSON)',
    placeHolder: 'http://127.0.0.1:9000/status',
    value,
    ignoreFocusOut: true,
    validateInput: (input) => checkEndpointUrl(input),
  });
}

async function rememberUrl(context: vscode.ExtensionContext, url: string): Promise<void> {
  const recent = context.globalState.get<string[]>(RECENT_URLS_KEY, []).filter((known) => known !== url);
  await context.globalState.update(RECENT_URLS_KEY, [url, ...recent].slice(0, MAX_RECENT_URLS));
}

async function pickEndpoint(control: PanelControl, argument: unknown, title: string): Promise<string | undefined> {
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
    { title },
  );
  return picked?.key;
}

export function registerPanelCommands(context: vscode.ExtensionContext, control: PanelControl): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('socketHygiene.attach', async (argument?: unknown) => {
      // Other parts of the extension (the probe launcher) pass the URL, or { url, name }; a person is asked.
      const named = typeof argument === 'object' && argument !== null ? (argument as { url?: unknown; name?: unknown }) : {};
      const given = typeof argument === 'string' ? argument : typeof named.url === 'string' ? named.url : undefined;
      const input = given ?? (await askForUrl(context));
      if (input === undefined) return;
      const problem = checkEndpointUrl(input);
      if (problem !== undefined) {
        void vscode.window.showErrorMessage(`Socket Hygiene: ${problem}`);
        return;
      }
      const url = new URL(input.trim()).href;
      await rememberUrl(context, url);
      control.attach({ key: url, name: typeof named.name === 'string' ? named.name : defaultEndpointName(url), url, headers: {} });
    }),
    vscode.commands.registerCommand('socketHygiene.detach', async (argument?: unknown) => {
      const key = await pickEndpoint(control, argument, 'Detach from Status Endpoint');
      if (key !== undefined) control.detach(key);
    }),
    vscode.commands.registerCommand('socketHygiene.togglePolling', () => {
      control.setPaused(!control.registry.isPaused);
    }),
    vscode.commands.registerCommand('socketHygiene.copySnapshot', async (argument?: unknown) => {
      const key = control.endpointKeyOf(argument) ?? control.registry.selectedEndpointKey;
      const snapshot = key === undefined ? undefined : control.registry.get(key)?.snapshot();
      if (snapshot?.report === undefined) {
        void vscode.window.showInformationMessage('Socket Hygiene: no snapshot yet; the endpoint has not answered.');
        return;
      }
      await vscode.env.clipboard.writeText(`${JSON.stringify(snapshot.report, null, 2)}\n`);
      vscode.window.setStatusBarMessage(`Socket Hygiene: snapshot of ${snapshot.definition.name} copied`, 3000);
    }),
    vscode.commands.registerCommand('socketHygiene.setEndpointToken', async (argument?: unknown) => {
      const key = await pickEndpoint(control, argument, 'Set Endpoint Token');
      const monitor = key === undefined ? undefined : control.registry.get(key);
      if (monitor === undefined) return;
      const origin = new URL(monitor.definition.url).origin;
      const token = await vscode.window.showInputBox({
        title: `Bearer token for ${origin}`,
        prompt: 'Sent as "Authorization: Bearer …" to this origin only; kept in SecretStorage. Leave empty to remove it.',
        password: true,
        ignoreFocusOut: true,
      });
      if (token === undefined) return;
      const secretKey = control.tokenKey(monitor.definition.url);
      if (token.trim() === '') await context.secrets.delete(secretKey);
      else await context.secrets.store(secretKey, token.trim());
      control.log(`${token.trim() === '' ? 'Removed' : 'Stored'} the token for ${origin}.`);
      monitor.pollNow();
    }),
  ];
}
