// The kinds of scope definitions the analysis asks about, as plain strings: typescript-eslint's
// `DefinitionType` enum is a run-time value of `@typescript-eslint/utils`, which the plugin does not load
// (it needs TypeScript). eslint-scope (espree) and typescript-eslint's scope manager use the same strings.
import type { TSESLint } from '@typescript-eslint/utils';

type Kinds = typeof TSESLint.Scope.DefinitionType;

export const DefinitionType: Pick<Kinds, 'ClassName' | 'FunctionName' | 'ImportBinding' | 'Parameter' | 'Variable'> = {
  ClassName: 'ClassName' as Kinds['ClassName'],
  FunctionName: 'FunctionName' as Kinds['FunctionName'],
  ImportBinding: 'ImportBinding' as Kinds['ImportBinding'],
  Parameter: 'Parameter' as Kinds['Parameter'],
  Variable: 'Variable' as Kinds['Variable'],
};
