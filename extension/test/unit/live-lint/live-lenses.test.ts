// The editor meets the panel, on the real fixtures linted by the real plugin: which findings get a live count.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter, type ESLint } from 'eslint';
import plugin from 'eslint-plugin-socket-hygiene';
import { describe, expect, it } from 'vitest';
import { chainNames, storedCollectionName } from '../../../src/live-lint/collection-names.js';
import { chainHasFinding, liveChains, liveLenses, liveSources, type Finding } from '../../../src/live-lint/live-lenses.js';
import { OriginText } from '../../../src/live-lint/origin-match.js';
import type { EndpointSnapshot } from '../../../src/panel/endpoint-monitor.js';
import { parseEndpointSettings } from '../../../src/panel/endpoint-settings.js';
import { ConnectionHistory } from '../../../src/panel/history.js';
import type { RetentionAnswer } from '../../../src/panel/retention.js';
import type { StatusSource } from '../../../src/panel/status-report.js';
import { statusReport } from '../panel/helpers.js';

const fixtures = path.resolve(__dirname, '../../../../test-fixtures');

/** The fixture's text and its findings from the real rules (recommended config), as offsets. */
function lint(relative: string): { file: string; text: string; findings: Finding[] } {
  const file = path.join(fixtures, relative);
  const text = readFileSync(file, 'utf8');
  const linter = new Linter({ configType: 'flat' });
  const sourceType = relative.endsWith('.mjs') ? 'module' : 'commonjs';
  const messages = linter.verify(text, [{ files: ['**/*.*'], languageOptions: { sourceType, ecmaVersion: 'latest' }, plugins: { 'socket-hygiene': plugin as unknown as ESLint.Plugin }, rules: { ...plugin.configs.recommended.rules } }], file);
  const origin = new OriginText(text);
  const offset = (line: number, column: number): number => text.split('\n').slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0) + column - 1;
  const findings = messages
    .filter((message) => message.ruleId?.startsWith('socket-hygiene/'))
    .map((message) => ({ rule: message.ruleId!.slice('socket-hygiene/'.length), start: offset(message.line, message.column), end: offset(message.endLine ?? message.line, message.endColumn ?? message.column) }));
  expect(findings.length, `${relative} has findings`).toBeGreaterThan(0);
  expect(origin.lineOf(findings[0]!.start)).toBeGreaterThan(0);
  return { file, text, findings };
}

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line with ${needle}`);
  return index + 1;
}

function source(location: string, counts: Partial<StatusSource> = {}): StatusSource {
  return { location, kind: 'server', active: 0, retainedAfterClose: 0, withoutErrorListener: 0, idleOverTimeout: 0, closeWait: 0, ...counts };
}

function snapshot(sources: StatusSource[], extra: Partial<EndpointSnapshot> = {}): EndpointSnapshot {
  const definition = parseEndpointSettings(['http://127.0.0.1:9400/status']).endpoints[0]!;
  return { definition, state: 'live', report: statusReport({ sources }), connections: [], warnings: [], history: new ConnectionHistory(), ...extra };
}

describe('live counts on require-error-listener and timeout-ends-socket', () => {
  it('a server source at createServer gives the live count to the finding at the callback parameter', () => {
    const { file, text, findings } = lint('socket-without-error-listener/leaky.js');
    const line = lineOf(text, 'net.createServer');
    const sources = liveSources([snapshot([source(`${file}:${line}:28`, { active: 12, withoutErrorListener: 12 })])]);
    expect(liveLenses(file, text, findings, sources, [])).toEqual([
      { line: line - 1, title: "live: 12 of 12 sockets from here without an 'error' listener · 127.0.0.1:9400/status", tooltip: `Counted by the probe at ${file}:${line}:28, updated with each poll of 127.0.0.1:9400/status.` },
    ]);
  });

  it('a source named at server.listen(…) (as a file:// URL) stands for the server created above', () => {
    const { file, text, findings } = lint('timeout-no-handler/leaky.js');
    const listen = lineOf(text, 'server.listen');
    const sources = liveSources([snapshot([source(`${pathToFileURL(file).href}:${listen}:8`, { active: 4, idleOverTimeout: 3 })])]);
    const lenses = liveLenses(file, text, findings, sources, []);
    expect(lenses.map((lens) => [lens.line + 1, lens.title])).toEqual([[lineOf(text, 'socket.setTimeout'), 'live: 3 of 4 sockets from here idle past their timeout · 127.0.0.1:9400/status']]);
  });

  it('a timeout handler inside the connection callback of an ES module server', () => {
    const { file, text, findings } = lint('timeout-logs-only/leaky.mjs');
    const sources = liveSources([snapshot([source(`${file}:${lineOf(text, 'net.createServer')}:16`, { active: 2, idleOverTimeout: 2 })])]);
    expect(liveLenses(file, text, findings, sources, []).map((lens) => lens.line + 1)).toEqual([lineOf(text, "socket.on('timeout'")]);
  });

  it('nothing for another line, another file, a failing endpoint, or after detach (no snapshot)', () => {
    const { file, text, findings } = lint('socket-without-error-listener/leaky.js');
    const line = lineOf(text, 'net.createServer');
    const elsewhere = [source(`${file}:${line + 2}:1`, { active: 1 }), source(`${file}x:${line}:1`, { active: 1 })];
    expect(liveLenses(file, text, findings, liveSources([snapshot(elsewhere)]), [])).toEqual([]);
    const failing = snapshot([source(`${file}:${line}:1`)], { state: 'failing' });
    expect(liveLenses(file, text, findings, liveSources([failing]), [])).toEqual([]);
    expect(liveLenses(file, text, findings, liveSources([]), [])).toEqual([]);
  });
});

describe('retained counts on remove-on-close after Explain retention', () => {
  const cases: [string, string, string][] = [
    ['set-no-removal/leaky.js', 'clients (Set)', 'clients.add(socket)'],
    ['map-end-only/leaky.mjs', 'sessions (Map)', 'sessions.set(id, socket)'],
    ['object-end-only/leaky.cjs', 'devices (Object)', 'devices[key] = socket'],
  ];
  for (const [fixture, step, store] of cases) {
    it(`${fixture}: the chain that names ${step} gives its count to the finding at ${store}`, () => {
      const { file, text, findings } = lint(fixture);
      const answer: RetentionAnswer = { retainedAfterClose: 20, groups: [{ count: 20, path: ['(module scope)', step, 'Socket'], location: `${file}:1` }] };
      const chains = liveChains([snapshot([], { retention: { state: 'done', at: 0, answer } })]);
      const lenses = liveLenses(file, text, findings, [], chains);
      expect(lenses.map((lens) => [lens.line + 1, lens.title])).toEqual([[lineOf(text, store), `retained: 20 closed sockets held by (module scope) → ${step} → Socket · 127.0.0.1:9400/status`]]);
      expect(chainHasFinding(chains[0]!, text, findings)).toBe(true);
    });
  }

  it('before any Explain retention, the live retained count of the server that the store call is in', () => {
    const { file, text, findings } = lint('set-no-removal/leaky.js');
    const line = lineOf(text, 'net.createServer');
    const idle = liveSources([snapshot([source(`${file}:${line}:28`, { active: 3 })])]);
    expect(liveLenses(file, text, findings, idle, [])).toEqual([]);
    const leaking = liveSources([snapshot([source(`${file}:${line}:28`, { active: 3, retainedAfterClose: 17 })])]);
    expect(liveLenses(file, text, findings, leaking, []).map((lens) => [lens.line + 1, lens.title])).toEqual([
      [lineOf(text, 'clients.add(socket)'), 'live: 17 closed sockets from here still reachable (3 active) · 127.0.0.1:9400/status'],
    ]);
  });

  it('a chain naming a collection the linter says nothing about has no finding', () => {
    const { file, text, findings } = lint('set-no-removal/leaky.js');
    const answer: RetentionAnswer = { retainedAfterClose: 2, groups: [{ count: 2, path: ['history (Array)', 'Socket'], location: `${file}:1` }, { count: 1, path: ['clients (Set)'], location: null }] };
    const chains = liveChains([snapshot([], { retention: { state: 'done', at: 0, answer } })]);
    expect(chains).toHaveLength(1);
    expect(chainHasFinding(chains[0]!, text, findings)).toBe(false);
    expect(liveLenses(file, text, findings, [], chains)).toEqual([]);
  });
});

describe('collection names', () => {
  it('reads the collection of a storing call', () => {
    expect(storedCollectionName('clients.add(socket)')).toBe('clients');
    expect(storedCollectionName('this.sessions.set(id, socket)')).toBe('sessions');
    expect(storedCollectionName('state.peers?.push(socket)')).toBe('peers');
    expect(storedCollectionName('devices[`${a}:${b}`] = socket')).toBe('devices');
    expect(storedCollectionName('socket')).toBeUndefined();
  });

  it('reads the names of a chain', () => {
    expect(chainNames(['(module scope)', 'clients (Set)', 'this.sessions (Map)', '[3]', 'Socket'])).toEqual(['clients', 'sessions', 'Socket']);
  });
});

describe('OriginText', () => {
  it('pairs parentheses across strings, templates, comments and regular expressions', () => {
    const text = "make((s) => {\n  log(')', `(${f(')')}`, /\\)/, 1 / 2); // )\n  s.setTimeout(5);\n});\nafter(1);\n";
    const origin = new OriginText(text);
    expect(origin.insideCallOn(0, text.indexOf('s.setTimeout'))).toBe(true);
    expect(origin.insideCallOn(0, text.indexOf('after'))).toBe(false);
  });
});
