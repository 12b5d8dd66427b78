import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configLoadsPlugin, findNearestConfig } from '../../../src/lint/workspace-eslint';
import { ModuleKindResolver, packageTypeOf } from '../../../src/lint/module-kind';

describe('does the workspace ESLint config load the plugin?', () => {
  it.each([
    ["import socketHygiene from 'eslint-plugin-socket-hygiene';\nexport default [socketHygiene.configs.recommended];", true],
    ['const plugin = require("eslint-plugin-socket-hygiene");\nmodule.exports = [plugin.configs.strict];', true],
    ['export default [(await import(`eslint-plugin-socket-hygiene`)).default.configs.recommended];', true],
    ["import js from '@eslint/js';\nexport default [js.configs.recommended];", false],
    ["// import socketHygiene from 'eslint-plugin-socket-hygiene';\nexport default [];", false],
    ["/* later: 'eslint-plugin-socket-hygiene' */\nexport default [];", false],
    ["import x from 'eslint-plugin-socket-hygiene-fork';\nexport default [x];", false],
    ["const docs = 'https://example.com/x'; import p from 'eslint-plugin-socket-hygiene';", true],
  ])('%#', (text, expected) => {
    expect(configLoadsPlugin(text)).toBe(expected);
  });
});

describe('nearest config and package type on disk', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'socket-hygiene-ws-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'packages', 'api', 'src'), { recursive: true });
  mkdirSync(path.join(root, 'packages', 'web', 'src'), { recursive: true });
  writeFileSync(path.join(root, 'eslint.config.mjs'), "import p from 'eslint-plugin-socket-hygiene'; export default [p.configs.recommended];");
  writeFileSync(path.join(root, 'packages', 'web', 'eslint.config.js'), 'export default [];');
  writeFileSync(path.join(root, 'packages', 'api', 'package.json'), '{"type":"module"}');

  it('takes the config closest to the file (ESLint 10 looks up from the file)', () => {
    expect(findNearestConfig(path.join(root, 'packages', 'api', 'src', 'server.js'), root)).toEqual({
      path: path.join(root, 'eslint.config.mjs'),
      loadsPlugin: true,
    });
    expect(findNearestConfig(path.join(root, 'packages', 'web', 'src', 'server.js'), root)).toEqual({
      path: path.join(root, 'packages', 'web', 'eslint.config.js'),
      loadsPlugin: false,
    });
  });

  it('does not look above the workspace folder', () => {
    expect(findNearestConfig(path.join(root, 'packages', 'api', 'src', 'server.js'), path.join(root, 'packages', 'api'))).toBeUndefined();
  });

  it('reads the package type of the nearest package.json, and remembers it', () => {
    const reads: string[] = [];
    const resolver = new ModuleKindResolver((file) => {
      reads.push(file);
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    });
    expect(resolver.kindOf(path.join(root, 'packages', 'api', 'src', 'a.ts'))).toBe('module');
    expect(resolver.kindOf(path.join(root, 'packages', 'api', 'src', 'b.js'))).toBe('module');
    expect(resolver.kindOf(path.join(root, 'packages', 'api', 'src', 'c.cts'))).toBe('commonjs');
    expect(resolver.kindOf(path.join(root, 'packages', 'web', 'src', 'd.mts'))).toBe('module');
    expect(reads.filter((file) => file.includes(path.join('api', 'src')))).toHaveLength(1);
    resolver.clear();
    resolver.kindOf(path.join(root, 'packages', 'api', 'src', 'b.js'));
    expect(reads.filter((file) => file.includes(path.join('api', 'src')))).toHaveLength(2);
  });

  it('stops at node_modules, as Node does', () => {
    const resolver = new ModuleKindResolver((file) => (file === '/w/package.json' ? '{"type":"module"}' : undefined));
    expect(resolver.kindOf('/w/src/a.js')).toBe('module');
    expect(resolver.kindOf('/w/node_modules/dep/a.js')).toBe('commonjs');
  });

  it.each([
    ['{"type":"module"}', 'module'],
    ['{"type":"commonjs"}', 'commonjs'],
    ['{}', 'commonjs'],
    ['not json', 'commonjs'],
  ])('package.json %s → %s', (text, kind) => {
    expect(packageTypeOf(text)).toBe(kind);
  });
});
