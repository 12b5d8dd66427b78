// A SARIF 2.1.0 log of ESLint results, for GitHub code scanning and other SARIF viewers. ESLint ships
// no SARIF formatter and @microsoft/eslint-formatter-sarif depends on ESLint 8, so this small one.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Linter } from 'eslint';

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
  /** Rule metadata, by the rule id ESLint reports (`socket-hygiene/remove-on-close`). */
  rules: Record<string, { description?: string | undefined; url?: string | undefined }>;
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

/** Locations are relative to %SRCROOT% (the linted folder), so the log does not depend on where it ran. */
const SRCROOT = '%SRCROOT%';

function artifactUri(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return pathToFileURL(filePath).href;
  return relative.split(path.sep).map(encodeURIComponent).join('/');
}

function regionOf(message: Linter.LintMessage): Region {
  // ESLint's lines and columns are 1-based and count UTF-16 code units: SARIF's defaults.
  const region: Region = { startLine: Math.max(1, message.line), startColumn: Math.max(1, message.column) };
  if (message.endLine !== undefined) region.endLine = message.endLine;
  if (message.endColumn !== undefined) region.endColumn = message.endColumn;
  return region;
}

function resultOf(ruleId: string, message: Linter.LintMessage, location: object, ruleIds: string[]): object {
  return {
    ruleId,
    ruleIndex: ruleIds.indexOf(ruleId),
    level: message.severity === 2 ? 'error' : 'warning',
    message: { text: message.message },
    locations: [location],
  };
}

export function toSarif(results: readonly ESLint.LintResult[], tool: SarifTool, cwd: string): object {
  const ruleIds = [
    ...new Set(results.flatMap((result) => [...result.messages, ...result.suppressedMessages].flatMap((message) => (message.ruleId ? [message.ruleId] : [])))),
  ];
  for (const id of Object.keys(tool.rules)) if (!ruleIds.includes(id)) ruleIds.push(id);
  ruleIds.sort();
  const sarifResults: object[] = [];
  const notifications: object[] = [];
  for (const result of results) {
    const uri = artifactUri(result.filePath, cwd);
    for (const message of result.messages) {
      const location = { physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: regionOf(message) } };
      if (message.ruleId === null || message.fatal === true) {
        // a parse error is not a finding of a rule: it is the tool failing on one file
        notifications.push({ level: 'error', message: { text: message.message }, locations: [location] });
        continue;
      }
      sarifResults.push(resultOf(message.ruleId, message, location, ruleIds));
    }
    // findings turned off with an eslint-disable comment stay in the log, shown as dismissed by code scanning
    for (const message of result.suppressedMessages) {
      if (message.ruleId === null) continue;
      const location = { physicalLocation: { artifactLocation: { uri, uriBaseId: SRCROOT }, region: regionOf(message) } };
      const suppressions = message.suppressions.map(({ justification }) => ({ kind: 'inSource', ...(justification ? { justification } : {}) }));
      sarifResults.push({ ...resultOf(message.ruleId, message, location, ruleIds), suppressions });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: ruleIds.map((id) => {
              const rule = tool.rules[id];
              return {
                id,
                ...(rule?.description ? { shortDescription: { text: rule.description } } : {}),
                ...(rule?.url ? { helpUri: rule.url } : {}),
              };
            }),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
}
