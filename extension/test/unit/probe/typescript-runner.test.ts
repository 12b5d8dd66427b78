// Which runner starts a TypeScript program: the project's tsx or ts-node found on a real disk (in the
// script's folder or above), else Node's type stripping by version, else a message that says what to do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isTypeScriptFile, typeScriptRunner, typeStrippingFlags } from '../../../src/probe/typescript-runner.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function project(bins: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ts-runner-test-'));
  folders.push(root);
  mkdirSync(path.join(root, 'node_modules', '.bin'), { recursive: true });
  for (const bin of bins) writeFileSync(path.join(root, 'node_modules', '.bin', bin), '');
  mkdirSync(path.join(root, 'src', 'deep'), { recursive: true });
  return root;
}

describe('typeScriptRunner', () => {
  it("finds the project's tsx from a folder below, before ts-node", () => {
    const root = project(['ts-node', 'tsx']);
    expect(typeScriptRunner(path.join(root, 'src', 'deep'), 'v20.19.0', 'linux')).toEqual({ kind: 'bin', name: 'tsx', bin: path.join(root, 'node_modules', '.bin', 'tsx') });
  });

  it('takes ts-node when it is the one installed', () => {
    const root = project(['ts-node']);
    expect(typeScriptRunner(path.join(root, 'src'), undefined, 'linux')).toMatchObject({ kind: 'bin', name: 'ts-node' });
  });

  it("falls back to Node's type stripping by version, and says what to install before 22.6", () => {
    const root = project([]);
    expect(typeScriptRunner(root, 'v24.1.0', 'linux')).toEqual({ kind: 'node', flags: [] });
    expect(typeScriptRunner(root, 'v22.6.0', 'linux')).toEqual({ kind: 'node', flags: ['--experimental-strip-types'] });
    const none = typeScriptRunner(root, 'v20.19.0', 'linux');
    expect(none.kind).toBe('none');
    expect(none.kind === 'none' && none.message).toMatch(/neither tsx nor ts-node .* Node\.js 20\.19\.0 cannot strip types .*\(npm i -D tsx\)/);
    const noNode = typeScriptRunner(root, undefined, 'linux');
    expect(noNode.kind === 'none' && noNode.message).toMatch(/no node on the PATH/);
  });
});

describe('typeStrippingFlags', () => {
  it.each([
    ['v22.5.1', undefined],
    ['v22.6.0', ['--experimental-strip-types']],
    ['v23.5.0', ['--experimental-strip-types']],
    ['v23.6.0', []],
    ['v25.0.0', []],
    ['v18.20.0', undefined],
  ])('%s', (version, flags) => expect(typeStrippingFlags(version)).toEqual(flags));
});

it('isTypeScriptFile: programs, not declaration files', () => {
  expect(['a.ts', 'a.mts', 'a.cts', 'a.tsx'].map(isTypeScriptFile)).toEqual([true, true, true, true]);
  expect(['a.d.ts', 'a.d.mts', 'a.js', 'a.tsbuildinfo'].map(isTypeScriptFile)).toEqual([false, false, false, false]);
});
