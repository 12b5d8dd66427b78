// Every report of the plugin goes through here, so the plugin's own disable directive applies.
import type { TSESLint } from '@typescript-eslint/utils';

import { isDisabled } from './directives.js';

export function report<MessageIds extends string, Options extends readonly unknown[]>(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  ruleName: string,
  descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: { loc: { start: { line: number } } } },
): void {
  if (isDisabled(context.sourceCode, ruleName, descriptor.node.loc.start.line)) return;
  context.report(descriptor);
}
