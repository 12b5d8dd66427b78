// socketHygiene.errorHandlerTemplate through the extension's real lint path and the real plugin: the 'error'
// listener a suggestion inserts follows the template, and an empty template keeps the plugin's own lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LintEngine } from '../../../src/lint/engine';
import { DEFAULT_SETTINGS, lintConfigKey, readSettings, type LintSettings } from '../../../src/lint/settings';

const fileName = path.resolve(__dirname, '../../../../test-fixtures/server-without-error-listener/leaky.cjs');
const text = readFileSync(fileName, 'utf8');
const engine = new LintEngine();

async function insertedListeners(errorHandlerTemplate: string): Promise<string[]> {
  const settings: LintSettings = { ...DEFAULT_SETTINGS, errorHandlerTemplate };
  const result = await engine.lint({ text, fileName, settings });
  expect(result.ruleFailures).toEqual([]);
  return result.problems
    .filter((problem) => problem.ruleId === 'socket-hygiene/require-error-listener')
    .flatMap((problem) => problem.suggestions.map((suggestion) => suggestion.edit.newText));
}

describe('socketHygiene.errorHandlerTemplate', () => {
  it("fills ${target} and ${kind} into every inserted 'error' listener", async () => {
    const inserted = await insertedListeners("logger.warn({ err: error, kind: '${kind}' }, '${target} failed');");
    expect(inserted).toHaveLength(2);
    expect(inserted.join('\n')).toContain("logger.warn({ err: error, kind: 'server' }, 'server failed');");
    expect(inserted.join('\n')).toContain("logger.warn({ err: error, kind: 'socket' }, 'socket failed');");
    expect(inserted.join('\n')).not.toContain('console.error');
  });

  it("left empty, the plugin's own console.error lines", async () => {
    const inserted = await insertedListeners('');
    expect(inserted.join('\n')).toContain("console.error('server error:', error);");
    expect(inserted.join('\n')).toContain("console.error('socket error from', socket.remoteAddress, error);");
  });

  it('is read from the setting and changes the config key (a new template relints)', () => {
    expect(readSettings({ errorHandlerTemplate: '  ' }).errorHandlerTemplate).toBe('');
    expect(readSettings({ errorHandlerTemplate: 42 }).errorHandlerTemplate).toBe('');
    const template = "log('${target}', error);";
    expect(readSettings({ errorHandlerTemplate: template }).errorHandlerTemplate).toBe(template);
    expect(lintConfigKey({ ...DEFAULT_SETTINGS, errorHandlerTemplate: template })).not.toBe(lintConfigKey(DEFAULT_SETTINGS));
  });
});
