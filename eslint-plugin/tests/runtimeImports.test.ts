// The plugin must load in a JavaScript project without TypeScript: its emitted JavaScript may import at
// run time only from Node, its own files, and packages with no TypeScript peer. TypeScript and the
// typescript-eslint packages that need it are reached only through src/util/loadTypeUtils.ts, at first use.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const pluginRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcRoot = path.join(pluginRoot, 'src');
const distRoot = path.join(pluginRoot, 'dist');

/** Packages the plugin may import from at run time: none of them has `typescript` as a peer. */
const ALLOWED_PACKAGES = new Set(['@typescript-eslint/types', '@eslint-community/eslint-utils']);
/** Packages that need TypeScript: loaded lazily, only by the loader. */
const TYPESCRIPT_PACKAGES = ['@typescript-eslint/utils', '@typescript-eslint/type-utils', '@typescript-eslint/parser', 'typescript'];
const LAZY_LOADER = 'util/loadTypeUtils.js';
/**
 * The socket-hygiene command (the package's bin, never imported by the plugin) runs ESLint itself and
 * resolves typescript from the user's project; the pack test runs it in a project without TypeScript.
 */
const isCommand = (file: string): boolean => file.startsWith('cli/');

interface Reach {
  specifier: string;
  how: 'import' | 'export' | 'import()' | 'call';
  line: number;
}

/** Every module a file reaches: static imports and re-exports, `import()`, and string arguments of calls (`require('x')`). */
function reachedModules(code: string): Reach[] {
  const file = ts.createSourceFile('emitted.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const found: Reach[] = [];
  const lineOf = (node: ts.Node): number => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, how: 'import', line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, how: 'export', line: lineOf(node) });
    } else if (ts.isCallExpression(node)) {
      const first = node.arguments[0];
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        found.push({ specifier: first && ts.isStringLiteralLike(first) ? first.text : '<computed>', how: 'import()', line: lineOf(node) });
      } else {
        for (const argument of node.arguments) {
          if (ts.isStringLiteralLike(argument) && isModuleLike(argument.text)) {
            found.push({ specifier: argument.text, how: 'call', line: lineOf(node) });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A call argument that names a package the plugin must not load eagerly. */
const isModuleLike = (text: string): boolean => TYPESCRIPT_PACKAGES.some((name) => text === name || text.startsWith(`${name}/`));

const packageOf = (specifier: string): string => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

/** What is wrong with one emitted file's run-time imports ('file:line how specifier'), or nothing. */
function runtimeImportProblems(file: string, code: string): string[] {
  const problems: string[] = [];
  for (const reach of reachedModules(code)) {
    const where = `${file}:${reach.line} ${reach.how} '${reach.specifier}'`;
    if (reach.how === 'call') {
      if (file !== LAZY_LOADER) problems.push(`${where}: only ${LAZY_LOADER} loads TypeScript packages`);
      continue;
    }
    const { specifier } = reach;
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
    if (!ALLOWED_PACKAGES.has(packageOf(specifier))) problems.push(`${where}: not a package without a TypeScript peer`);
  }
  return problems;
}

function jsFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(root, full);
    return entry.name.endsWith('.js') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/**
 * src as tsc emits it into dist: the build config sets isolatedModules, so file-by-file emit is the same,
 * as an ES module (the package is `"type": "module"`, which transpileModule cannot see by itself).
 */
function emitSource(): Map<string, string> {
  const configFile = path.join(pluginRoot, 'tsconfig.build.json');
  const config = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, pluginRoot);
  expect(parsed.options.isolatedModules).toBe(true);
  const emitted = new Map<string, string>();
  for (const file of parsed.fileNames) {
    const compilerOptions = { ...parsed.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
    const output = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file });
    emitted.set(path.relative(srcRoot, file).replace(/\.ts$/u, '.js').split(path.sep).join('/'), output.outputText);
  }
  return emitted;
}

describe('run-time imports of the plugin', () => {
  it('the checker finds what a TypeScript-bound import looks like', () => {
    const bad = [
      "import { ESLintUtils } from '@typescript-eslint/utils';",
      "export { RuleCreator } from '@typescript-eslint/utils/eslint-utils';",
      "const ts = require('typescript');",
      "await import('@typescript-eslint/type-utils');",
      "import parser from '@typescript-eslint/parser';",
      "import { something } from 'left-pad';",
    ].join('\n');
    expect(runtimeImportProblems('rules/x.js', bad)).toHaveLength(6);
    const good = [
      "import { AST_NODE_TYPES } from '@typescript-eslint/types';",
      "import { ReferenceTracker } from '@eslint-community/eslint-utils';",
      "import { createRequire } from 'node:module';",
      "import { isFunction } from './ast.js';",
    ].join('\n');
    expect(runtimeImportProblems('rules/x.js', good)).toEqual([]);
    expect(runtimeImportProblems(LAZY_LOADER, "load('@typescript-eslint/type-utils');")).toEqual([]);
  });

  it('src, as emitted, imports only from packages without a TypeScript peer, and TypeScript only lazily', () => {
    const emitted = emitSource();
    expect(emitted.has(LAZY_LOADER)).toBe(true);
    const problems = [...emitted].filter(([file]) => !isCommand(file)).flatMap(([file, code]) => runtimeImportProblems(file, code));
    expect(problems).toEqual([]);
    // the loader is not dead code: it does load type-utils, at first use
    expect(reachedModules(emitted.get(LAZY_LOADER) ?? '').map((reach) => reach.specifier)).toContain('@typescript-eslint/type-utils');
  });

  it.skipIf(!existsSync(path.join(distRoot, 'index.js')))('so does every file in eslint-plugin/dist', () => {
    const files = jsFiles(distRoot).filter((file) => !isCommand(file));
    expect(files).toContain(LAZY_LOADER);
    const problems = files.flatMap((file) => runtimeImportProblems(file, readFileSync(path.join(distRoot, file), 'utf8')));
    expect(problems).toEqual([]);
  });
});
