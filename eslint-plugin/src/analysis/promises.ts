// Where a promise's rejection goes: a 'timeout' handler that calls `reject(...)` hands control to the
// code awaiting that promise, and the `catch` around that `await` is what runs next (it often destroys).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { catchingTry, isFunction, keyName, outermostWrapper, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { DefinitionType } from './scope.js';

/**
 * The `catch` blocks that run when `call` rejects a promise of this file: `reject` of a
 * `new Promise((resolve, reject) => …)` executor or of a `{ promise, resolve, reject } = withResolvers()`
 * destructuring, where that promise is awaited inside `try { … } catch { … }`.
 */
export function catchesOfRejection(index: FileIndex, call: TSESTree.CallExpression): TSESTree.BlockStatement[] {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = index.variableOf(callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return [];
  let awaited: TSESTree.Node[] = [];
  if (def.type === DefinitionType.Parameter && isFunction(def.node)) {
    const executor = def.node;
    const promise = executor.parent;
    if (
      executor.params[1] !== def.name ||
      promise.type !== AST_NODE_TYPES.NewExpression ||
      promise.arguments[0] !== executor ||
      promise.callee.type !== AST_NODE_TYPES.Identifier ||
      promise.callee.name !== 'Promise'
    ) {
      return [];
    }
    awaited = usesOfValue(index, promise);
  } else if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator) {
    const pattern = def.node.id;
    if (pattern.type !== AST_NODE_TYPES.ObjectPattern || def.node.init?.type !== AST_NODE_TYPES.CallExpression) return [];
    const property = (name: string): TSESTree.Node | null => {
      for (const entry of pattern.properties) {
        if (entry.type === AST_NODE_TYPES.Property && keyName(entry.key, entry.computed) === name) return entry.value;
      }
      return null;
    };
    if (property('reject') !== def.name) return [];
    const promise = property('promise');
    if (promise?.type !== AST_NODE_TYPES.Identifier) return [];
    awaited = referencesOf(index, promise);
  }
  const catches: TSESTree.BlockStatement[] = [];
  for (const use of awaited) {
    const block = catchAroundAwait(use);
    if (block) catches.push(block);
  }
  return catches;
}

/** The expression itself, or the reads of the variable it initialises. */
function usesOfValue(index: FileIndex, value: TSESTree.Node): TSESTree.Node[] {
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    return referencesOf(index, parent.id);
  }
  return [value];
}

function referencesOf(index: FileIndex, identifier: TSESTree.Identifier): TSESTree.Node[] {
  const variable = index.variableOf(identifier);
  if (!variable) return [];
  return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node);
}

/** `try { … await promise … } catch { <this block> }`, within the function of the `await`. */
function catchAroundAwait(use: TSESTree.Node): TSESTree.BlockStatement | null {
  const awaited = outermostWrapper(use).parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  return catchingTry(awaited)?.handler?.body ?? null;
}
