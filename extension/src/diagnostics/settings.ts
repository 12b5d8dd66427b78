// `socketHygiene.*` as the lint core's settings model, for a document's folder (settings can differ per folder).
import * as vscode from 'vscode';
import { readSettings, type LintSettings } from '../lint/settings';

export const SETTINGS_SECTION = 'socketHygiene';

export function lintSettingsFor(scope?: vscode.ConfigurationScope): LintSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return readSettings({
    enable: configuration.get('enable'),
    run: configuration.get('run'),
    rules: configuration.get('rules'),
    strict: configuration.get('strict'),
    exclude: configuration.get('exclude'),
    errorHandlerTemplate: configuration.get('errorHandlerTemplate'),
  });
}
