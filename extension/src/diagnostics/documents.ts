// Which documents the extension lints, and the file name it gives the linter for each.
import path from 'node:path';
import * as vscode from 'vscode';
import { isExcluded, isInNodeModules } from '../lint/exclude';
import type { LintSettings } from '../lint/settings';

export const LINTED_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
const LINTED_SCHEMES = new Set(['file', 'untitled']);

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = LINTED_LANGUAGES.flatMap((language) =>
  [...LINTED_SCHEMES].map((scheme) => ({ language, scheme })),
);

/** True for a document of a linted language and scheme, outside node_modules and `socketHygiene.exclude`. */
export function isLintable(document: vscode.TextDocument, settings: Pick<LintSettings, 'exclude'>): boolean {
  if (!LINTED_LANGUAGES.includes(document.languageId) || !LINTED_SCHEMES.has(document.uri.scheme)) return false;
  return isLintableUri(document.uri, settings);
}

export function isLintableUri(uri: vscode.Uri, settings: Pick<LintSettings, 'exclude'>): boolean {
  if (uri.scheme === 'untitled') return true;
  if (isInNodeModules(uri.fsPath)) return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const relative = folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
  return !isExcluded(settings.exclude, relative, uri.fsPath);
}

/**
 * The name the linter sees: the path on disk, or for an untitled editor a name whose extension says its
 * language, so TypeScript is parsed as TypeScript.
 */
export function lintFileName(document: vscode.TextDocument): string {
  if (document.uri.scheme === 'file') return document.uri.fsPath;
  const extension = { typescript: '.ts', typescriptreact: '.tsx', javascriptreact: '.jsx' }[document.languageId] ?? '.js';
  return `${path.basename(document.uri.path)}${extension}`;
}
