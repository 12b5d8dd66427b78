// A handler wrapped before it is registered: `req.on('timeout', once(() => …))`, `const fail = once(fn)`.
// once/onetime/debounce-style wrappers return a function that runs their one function argument, so what
// the wrapped function does is what the handler does.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { isFunction, memberName, unwrap } from './ast.js';

/** `.bind/.call/.apply` are not wrappers: functions.ts reads them with their argument shifts. */
const NOT_WRAPPERS: ReadonlySet<string> = new Set(['bind', 'call', 'apply']);

/**
 * The function a wrapping call runs (`once(() => …)` → the arrow; `once(onTimeout)` → `onTimeout`, for the
 * caller to resolve), or null when `node` is no such call: a call with exactly one function written in
 * place among its arguments, or with a single argument.
 */
export function wrappedFunction(node: TSESTree.Node): TSESTree.Node | null {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && NOT_WRAPPERS.has(memberName(callee) ?? '')) return null;
  const written = call.arguments.filter((argument) => isFunction(unwrap(argument)));
  if (written.length === 1) return written[0] ?? null;
  if (written.length === 0 && call.arguments.length === 1) {
    const only = call.arguments[0];
    return only && only.type !== AST_NODE_TYPES.SpreadElement ? only : null;
  }
  return null;
}
