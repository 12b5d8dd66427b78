// The lint bundles read the plugin's node-type constants once, not through two getters per use
// (scripts/ast-node-types-constants.mjs says why that matters on dense files).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { lintBundles } from '../lint-bundles.mjs';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = mkdtempSync(path.join(os.tmpdir(), 'ast-node-types-constants-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function lintCore(withConstants) {
  const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'], logLevel: 'silent', absWorkingDir: repositoryRoot };
  const options = lintBundles(common, false, { inProcess: true }).find((bundle) => bundle.outfile === 'dist/lint.js');
  const outfile = path.join(folder, withConstants ? 'with' : 'without', 'lint.js');
  const plugins = withConstants ? options.plugins : options.plugins.filter((plugin) => plugin.name !== 'ast-node-types-constants');
  await esbuild.build({ ...options, plugins, outfile });
  // the parser the core loads for .ts files is not needed here
  return { text: readFileSync(outfile, 'utf8'), core: createRequire(import.meta.url)(outfile) };
}

const liveUses = (text) => text.match(/import_types\d*\.AST_NODE_TYPES\./g)?.length ?? 0;

describe('ast-node-types-constants', () => {
  it('turns every plugin use of AST_NODE_TYPES into a constant, and the core still reports', async () => {
    const without = await lintCore(false);
    const withConstants = await lintCore(true);
    expect(liveUses(without.text)).toBeGreaterThan(100);
    expect(liveUses(withConstants.text)).toBe(0);
    const text = "const net = require('net');\nconst socket = net.connect(80);\nsocket.on('data', () => {});\n";
    const result = await withConstants.core.lintAndConvert(text, '/project/client.js');
    expect(result.problems.map((problem) => problem.ruleName)).toContain('require-error-listener');
  }, 120_000);
});
