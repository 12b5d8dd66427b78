// The extension bundle requires 'vscode' once: each extra `__toESM(require('vscode'))` copies VS Code's whole API
// object while the extension host loads the bundle (scripts/shared-vscode-import.mjs says why that matters).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { keepLintCoreOut } from '../lint-bundles.mjs';
import { sharedVscodeImport } from '../shared-vscode-import.mjs';
import { splitStatusValidation } from '../status-validation-bundle.mjs';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function bundleText(plugins) {
  const result = await esbuild.build({
    entryPoints: ['extension/src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    absWorkingDir: repositoryRoot,
    write: false,
    logLevel: 'silent',
    plugins,
  });
  return result.outputFiles[0].text;
}

const requiresOfVscode = (text) => text.match(/require\("vscode"\)/g)?.length ?? 0;

describe('shared-vscode-import', () => {
  it('leaves one require of vscode in the extension bundle, where each importing file had its own', async () => {
    const without = await bundleText([keepLintCoreOut, splitStatusValidation]);
    const withShared = await bundleText([keepLintCoreOut, splitStatusValidation, sharedVscodeImport]);
    expect(requiresOfVscode(without)).toBeGreaterThan(10);
    expect(requiresOfVscode(withShared)).toBe(1);
    expect(withShared).toMatch(/activate: \(\) => activate/);
  });

  it('is the extension bundle’s plugin in scripts/build-extension.mjs', async () => {
    const { readFile } = await import('node:fs/promises');
    const script = await readFile(path.join(repositoryRoot, 'scripts/build-extension.mjs'), 'utf8');
    expect(script).toMatch(/plugins: \[[^\]]*sharedVscodeImport[^\]]*\]/);
  });
});
