// TypeScript files are linted with the user's own typescript (never one of ours): found from the
// project, with @typescript-eslint/parser from the project or beside this package.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Linter } from 'eslint';

export type TypeScriptSupport =
  | { available: true; parser: Linter.Parser }
  | { available: false; reason: string };

function resolveFrom(base: string, id: string): string | undefined {
  try {
    return createRequire(base).resolve(id);
  } catch {
    return undefined;
  }
}

export async function findTypeScriptSupport(cwd: string): Promise<TypeScriptSupport> {
  const project = path.join(cwd, 'package.json');
  if (resolveFrom(project, 'typescript') === undefined) {
    return { available: false, reason: "'typescript' is not installed in this project" };
  }
  const parserPath = resolveFrom(project, '@typescript-eslint/parser') ?? resolveFrom(import.meta.filename, '@typescript-eslint/parser');
  if (parserPath === undefined) {
    return { available: false, reason: "'@typescript-eslint/parser' is not installed (npm i -D @typescript-eslint/parser)" };
  }
  const parserModule = (await import(pathToFileURL(parserPath).href)) as { default?: Linter.Parser } & Linter.Parser;
  return { available: true, parser: parserModule.default ?? parserModule };
}
