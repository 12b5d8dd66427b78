// The one RuleTester factory of the plugin's tests, wired to vitest, plus helpers that run each
// JavaScript case under both espree (bare config: no globals, default sourceType) and
// @typescript-eslint/parser.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester, type InvalidTestCase, type RunTests, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import * as espree from 'espree';
import { afterAll, describe, it } from 'vitest';

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.itSkip = it.skip;
RuleTester.describeSkip = describe.skip;

export const projectRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'project');

export function createRuleTester(): RuleTester {
  return new RuleTester();
}

/** Run a rule's table. (The rule tester bundles its own copy of @typescript-eslint/utils' types.) */
export function runRuleTests<MessageIds extends string, Options extends readonly unknown[]>(
  name: string,
  rule: TSESLint.RuleModule<MessageIds, Options, unknown>,
  tests: RunTests<MessageIds, Options>,
): void {
  createRuleTester().run(name, rule as never, tests);
}

export type Parser = 'espree' | 'ts' | 'ts-typed';

const espreeOptions = { languageOptions: { parser: espree as never } } as const;
const typedOptions = {
  languageOptions: {
    parserOptions: {
      projectService: true,
      tsconfigRootDir: projectRoot,
    },
  },
} as const;

interface Named {
  name?: string;
  code: string;
}

function variant<T extends Named>(testCase: T, parser: Parser): T {
  const name = `${parser}: ${testCase.name ?? testCase.code.split('\n').find((line) => line.trim() !== '')?.trim() ?? ''}`;
  if (parser === 'espree') return { ...testCase, ...espreeOptions, name };
  if (parser === 'ts-typed') return { ...testCase, ...typedOptions, filename: path.join(projectRoot, 'file.ts'), name };
  return { ...testCase, filename: 'file.ts', name };
}

/** Each JavaScript case once per parser: espree and @typescript-eslint/parser. */
export function js<T extends Named>(cases: readonly T[]): T[] {
  return cases.flatMap((testCase) => [variant(testCase, 'espree'), variant(testCase, 'ts')]);
}

/** TypeScript-only cases (annotations), without type information. */
export function ts<T extends Named>(cases: readonly T[]): T[] {
  return cases.map((testCase) => variant(testCase, 'ts'));
}

/** TypeScript cases with type information (a program from the fixtures' tsconfig). */
export function typed<T extends Named>(cases: readonly T[]): T[] {
  return cases.map((testCase) => variant(testCase, 'ts-typed'));
}

/** espree with `sourceType: 'commonjs'` and Node's CommonJS globals (`require` declared). */
export function commonjs<T extends Named>(cases: readonly T[]): T[] {
  return cases.map((testCase) => ({
    ...testCase,
    name: `espree commonjs: ${testCase.name ?? testCase.code.trim().split('\n')[0] ?? ''}`,
    languageOptions: {
      parser: espree as never,
      sourceType: 'commonjs' as const,
      globals: { require: 'readonly' as const, module: 'writable' as const, exports: 'writable' as const },
    },
  }));
}

export type { InvalidTestCase, ValidTestCase };
