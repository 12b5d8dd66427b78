// The panel's settings. `socketHygiene.endpoints` makes the extension send requests, so in an untrusted
// workspace only the user's own value counts (it is also a restricted configuration in the manifest):
// a cloned repository's .vscode/settings.json cannot make the panel poll anything.
import * as vscode from 'vscode';
import { endpointsSettingValue } from './endpoint-settings.js';

export const SECTION = 'socketHygiene';
export const MIN_POLL_INTERVAL_MS = 250;
/** While no view of the container is visible, the badge and status bar item keep this slow poll. */
export const BACKGROUND_POLL_INTERVAL_MS = 10_000;

export interface PanelSettings {
  endpoints: unknown;
  pollIntervalMs: number;
  requestTimeoutMs: number;
  idleLimitMs: number;
}

function numberSetting(config: vscode.WorkspaceConfiguration, name: string, fallback: number, minimum: number): number {
  const value = config.get<unknown>(name);
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(minimum, value) : fallback;
}

export function readPanelSettings(): PanelSettings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    endpoints: endpointsSettingValue(config.inspect<unknown>('endpoints'), vscode.workspace.isTrusted),
    pollIntervalMs: numberSetting(config, 'pollIntervalMs', 2000, MIN_POLL_INTERVAL_MS),
    requestTimeoutMs: numberSetting(config, 'requestTimeoutMs', 1500, 100),
    idleLimitMs: numberSetting(config, 'idleLimitSeconds', 300, 1) * 1000,
  };
}
