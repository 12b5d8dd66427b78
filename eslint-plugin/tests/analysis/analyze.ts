// Runs code through ESLint (espree or @typescript-eslint/parser) and hands back what a rule sees,
// so the analysis modules are tested on the same SourceCode objects the rules get.
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { getSocketModel, type SocketModel } from '../../src/analysis/model.js';

export type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export function withContext<T>(code: string, use: (context: Context) => T, parser: 'espree' | 'ts' = 'espree'): T {
  let result: { value: T } | null = null;
  const plugin = {
    rules: {
      probe: {
        meta: { schema: [] },
        create(context: Context) {
          return {
            'Program:exit'() {
              result = { value: use(context) };
            },
          };
        },
      },
    },
  };
  const linter = new Linter();
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.js', '**/*.ts'],
        plugins: { test: plugin as never },
        rules: { 'test/probe': 'error' },
        ...(parser === 'ts' ? { languageOptions: { parser: tsParser } } : {}),
      },
    ],
    parser === 'ts' ? 'file.ts' : 'file.js',
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(fatal.message);
  if (!result) throw new Error('the probe rule did not run');
  return (result as { value: T }).value;
}

export function analyze(code: string, parser: 'espree' | 'ts' = 'espree'): SocketModel & { text(node: { range: [number, number] }): string } {
  return withContext(
    code,
    (context) => {
      const model = getSocketModel(context);
      return { ...model, origins: model.origins, text: (node: { range: [number, number] }) => code.slice(node.range[0], node.range[1]) };
    },
    parser,
  );
}
