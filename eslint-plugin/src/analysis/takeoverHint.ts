// Whether a file may register an 'upgrade' / 'connect' listener (the model's step 2), decided from its
// string tokens and the few nodes around them, so that files that only emit or mention those events skip
// the file index. Conservative: every call the file index would list as a takeover listener passes.
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import { LISTENER_METHODS } from './vocabulary.js';

const TAKEOVER_EVENTS: ReadonlySet<string> = new Set(['upgrade', 'connect']);

/** A string or no-substitution template token whose value may be 'upgrade' / 'connect' (an escape may hide it). */
function mayNameTakeoverEvent(token: TSESLint.AST.Token): boolean {
  if (token.type !== AST_TOKEN_TYPES.String && token.type !== AST_TOKEN_TYPES.Template) return false;
  const raw = token.value;
  if (token.type === AST_TOKEN_TYPES.Template && !(raw.length >= 2 && raw.startsWith('`') && raw.endsWith('`'))) return false;
  if (raw.includes('\\')) return true;
  return raw.length === 9 && TAKEOVER_EVENTS.has(raw.slice(1, -1));
}

/** The innermost node whose range holds `range` (walking down from the root, not over the whole tree). */
function innermostNode(
  root: TSESTree.Node,
  visitorKeys: Readonly<Record<string, readonly string[] | undefined>>,
  range: TSESTree.Range,
): TSESTree.Node {
  let node = root;
  for (;;) {
    let inner: TSESTree.Node | null = null;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? (child as unknown[]) : [child];
      for (const element of children) {
        const candidate = element as TSESTree.Node | null;
        if (candidate && typeof candidate.type === 'string' && candidate.range[0] <= range[0] && range[1] <= candidate.range[1]) {
          inner = candidate;
          break;
        }
      }
      if (inner) break;
    }
    if (!inner) return node;
    node = inner;
  }
}

/** `x.on('upgrade', handler)` (any listener method, two arguments or more) may be in the file. */
export function mayRegisterTakeoverListener(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const visitorKeys = sourceCode.visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;
  for (const token of sourceCode.ast.tokens) {
    if (!mayNameTakeoverEvent(token)) continue;
    let node = innermostNode(sourceCode.ast, visitorKeys, token.range);
    if (node.type === AST_NODE_TYPES.TemplateElement) node = node.parent;
    // a token no node spans exactly (a parser whose ranges do not nest): let the file index decide
    if (node.range[0] !== token.range[0] || node.range[1] !== token.range[1]) return true;
    const call = node.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node || call.arguments.length < 2) continue;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const method = memberName(callee);
    if (method !== null && LISTENER_METHODS.has(method)) return true;
  }
  return false;
}
