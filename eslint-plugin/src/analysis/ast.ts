// Small, rule-free helpers over ESTree / TSESTree nodes.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

export function isClass(node: TSESTree.Node | null | undefined): node is ClassNode {
  return node?.type === AST_NODE_TYPES.ClassDeclaration || node?.type === AST_NODE_TYPES.ClassExpression;
}

/** The name of `a.b` / `a['b']` / `a.#b`, or null when the key is computed at run time. */
export function memberName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed) {
    return node.property.type === AST_NODE_TYPES.PrivateIdentifier
      ? `#${node.property.name}`
      : node.property.name;
  }
  return staticString(node.property);
}

/** A property key's static name (`foo`, `'foo'`, `#foo`), or null. */
export function keyName(key: TSESTree.Node, computed: boolean): string | null {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  return staticString(key);
}

export function staticString(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** Wrappers that pass a value through unchanged (types, parentheses, `!`, `?.`). */
export function isTransparent(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.ChainExpression:
      return true;
    default:
      return false;
  }
}

type TransparentNode =
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.ChainExpression;

/** Strip transparent wrappers off an expression. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (isTransparent(current)) current = (current as TransparentNode).expression;
  return current;
}

/** The outermost transparent wrapper around `node` (`s!` for `s`), or `node` itself. */
export function outermostWrapper(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && isTransparent(current.parent)) current = current.parent;
  return current;
}

/** The nearest ancestor of `node` (not `node` itself) that passes `test`, or null. */
function enclosing<T extends TSESTree.Node>(node: TSESTree.Node, test: (candidate: TSESTree.Node) => candidate is T): T | null {
  for (let current = node.parent; current; current = current.parent) if (test(current)) return current;
  return null;
}

/** The nearest function around `node` (not `node` itself), or null at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | null {
  return enclosing(node, isFunction);
}

/** The `try` (with a `catch`) whose block holds `node`, within the function around `node`, or null. */
export function catchingTry(node: TSESTree.Node): TSESTree.TryStatement | null {
  let child = node;
  for (let current = node.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler) return current;
    child = current;
  }
  return null;
}

/** The statement that holds `node` directly as its expression (or declaration), or null. */
export function enclosingStatement(node: TSESTree.Node): TSESTree.Statement | null {
  const current = outermostWrapper(node);
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return parent;
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === current &&
    parent.parent.type === AST_NODE_TYPES.ExpressionStatement
  ) {
    return parent.parent;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) {
    const declaration = parent.parent;
    if (declaration.declarations.length === 1 && declaration.parent.type !== AST_NODE_TYPES.ForStatement) {
      return declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? null : declaration;
    }
  }
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return enclosingStatement(parent);
  return null;
}

/** Range containment: `inner` lies within `outer`. */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** `true` for an expression with no side effects that can be repeated in a fix (`s`, `this.s`, `a.b.c`). */
export function isRepeatable(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.ThisExpression) return true;
  if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.optional) {
    return (!inner.computed || inner.property.type === AST_NODE_TYPES.Literal) && isRepeatable(inner.object);
  }
  return false;
}

export function usesThis(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.ThisExpression) return true;
  return inner.type === AST_NODE_TYPES.MemberExpression && usesThis(inner.object);
}

/** The nearest class around `node`, or null. */
export function enclosingClass(node: TSESTree.Node): ClassNode | null {
  return enclosing(node, isClass);
}
