// Keeps the rules index, configs, meta.docs.url and package meta in step with the files on disk.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import removeOnClose from '../src/rules/remove-on-close.js';
import requireErrorListener from '../src/rules/require-error-listener.js';
import timeoutEndsSocket from '../src/rules/timeout-ends-socket.js';
import { DOCS_BASE_URL } from '../src/util/createRule.js';

const packageDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const ruleFiles = readdirSync(path.join(packageDir, 'src', 'rules'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/u, ''))
  .sort();
// The rule modules with their precise types; the first test checks the plugin exports exactly these.
const rules = {
  'remove-on-close': removeOnClose,
  'require-error-listener': requireErrorListener,
  'timeout-ends-socket': timeoutEndsSocket,
};
const packageJson = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };

type Entry = string | [string, Record<string, unknown>];

describe('plugin index', () => {
  it('exports exactly the rules in src/rules, each under its file name', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(ruleFiles);
    expect(Object.keys(rules).sort()).toEqual(ruleFiles);
    for (const [id, rule] of Object.entries(rules)) {
      expect(rule.name).toBe(id);
      expect(plugin.rules[id as keyof typeof rules]).toBe(rule);
    }
  });

  it('has meta equal to package.json (src/meta.ts)', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version });
  });

  it.each(ruleFiles)('%s: docs url points at docs/rules/<id>.md, which exists', (id) => {
    const rule = rules[id as keyof typeof rules];
    expect(rule.meta.docs?.url).toBe(`${DOCS_BASE_URL}/${id}.md`);
    expect(DOCS_BASE_URL.endsWith('/eslint-plugin/docs/rules')).toBe(true);
    expect(existsSync(path.join(packageDir, 'docs', 'rules', `${id}.md`))).toBe(true);
  });

  it.each(ruleFiles)('%s: has trustHandOff (default true), defaults in meta.defaultOptions, a description', (id) => {
    const rule = rules[id as keyof typeof rules];
    const defaults = rule.meta.defaultOptions?.[0] as Record<string, unknown> | undefined;
    expect(defaults?.trustHandOff).toBe(true);
    const schema = (rule.meta.schema as readonly { properties?: Record<string, unknown> }[])[0];
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(Object.keys(defaults ?? {}).sort());
    expect(rule.meta.docs?.description).not.toBe('');
  });
});

it("exports the plugin object as default and as 'module.exports', nothing else (require() and import give the same object)", async () => {
  const namespace = await import('../src/index.js');
  expect(Object.keys(namespace).sort()).toEqual(['default', 'module.exports']);
  expect(namespace['module.exports']).toBe(namespace.default);
});

describe('configs', () => {
  const recommended = plugin.configs.recommended;
  const strict = plugin.configs.strict;

  it('recommended turns every recommended rule on as error, with default options', () => {
    const expected = Object.fromEntries(
      ruleFiles.filter((id) => rules[id as keyof typeof rules].meta.docs?.recommended).map((id) => [`socket-hygiene/${id}`, 'error']),
    );
    expect(recommended.rules).toEqual(expected);
    expect(recommended.plugins?.['socket-hygiene']).toBe(plugin);
  });

  it('strict turns every rule on with trustHandOff false and the strict options', () => {
    const entries = strict.rules as Record<string, Entry>;
    expect(Object.keys(entries).sort()).toEqual(ruleFiles.map((id) => `socket-hygiene/${id}`));
    for (const entry of Object.values(entries)) {
      expect(Array.isArray(entry) && entry[0] === 'error' && entry[1].trustHandOff === false).toBe(true);
    }
    expect((entries['socket-hygiene/timeout-ends-socket'] as [string, Record<string, unknown>])[1].requireDestroyFallback).toBe(true);
    expect((entries['socket-hygiene/require-error-listener'] as [string, Record<string, unknown>])[1].rejectOnceOnly).toBe(true);
  });

  it('both configs load in ESLint as flat configs (options valid against the schemas)', () => {
    const linter = new Linter();
    for (const config of [recommended, strict]) {
      const messages = linter.verify(`const net = require('net'); net.connect(1);`, [config]);
      expect(messages.map((message) => message.ruleId)).toEqual(['socket-hygiene/require-error-listener']);
    }
  });
});

describe("the plugin's own disable directive", () => {
  const linter = new Linter();
  const lint = (code: string): string[] =>
    linter.verify(code, [plugin.configs.recommended as never]).map((message) => `${message.line}:${message.ruleId ?? message.message}`);

  it('suppresses the named rules on the next line only', () => {
    expect(
      lint(`const net = require('net');
// socket-hygiene-disable-next-line require-error-listener
const a = net.connect(1);
const b = net.connect(2);`),
    ).toEqual(['4:socket-hygiene/require-error-listener']);
  });

  it('accepts the socket-hygiene/ prefix, several ids, and leaves other rules reporting', () => {
    expect(
      lint(`const net = require('net');
const sockets = new Set();
// socket-hygiene-disable-next-line socket-hygiene/timeout-ends-socket, remove-on-close
const s = net.connect(1); sockets.add(s); s.setTimeout(10);`),
    ).toEqual(['4:socket-hygiene/require-error-listener']);
  });

  it('standard eslint-disable comments work as usual', () => {
    expect(
      lint(`const net = require('net');
net.connect(1); // eslint-disable-line socket-hygiene/require-error-listener`),
    ).toEqual([]);
  });
});
