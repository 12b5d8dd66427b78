// Does every path of a function pass a statement that does something (adds a listener back, destroys the
// socket) after a given node, or did every path pass one before it? A structural walk over the statements
// around the node: enough for the straight-line set-up and clean-up code where listeners are swapped, and
// cheap (only the statements around the node are read, never the whole function graph).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { type FunctionNode, isFunction } from './ast.js';

/** Whether a statement (simple: an expression, a declaration, a return) does it, at or after `from`. */
export type CoverTest = (statement: TSESTree.Node, from: number) => boolean;

/** A statement always does it; may leave the function without it (return, throw); or neither. */
type Outcome = 'covers' | 'exits' | 'continues';

type StatementList = TSESTree.Program | TSESTree.BlockStatement | TSESTree.StaticBlock | TSESTree.SwitchCase;

/** Every path from `node` to the end of its function passes a statement that `covers` accepts. */
export function coveredAfter(node: TSESTree.Node, covers: CoverTest): boolean {
  let place = listPlace(node);
  // the statement that holds the node may do it itself, later in the chain (`s.off('error', f).on('error', g)`)
  const holding = place?.list[place.at - 1];
  if (holding && isSimple(holding) && covers(holding, node.range[1])) return true;
  while (place) {
    const outcome = sequence(place.list.slice(place.at), covers);
    if (outcome !== 'continues') return outcome === 'covers';
    // the rest of the enclosing list ran through: go on after the statement that holds it
    const holder = place.container.parent;
    if (!holder || isFunction(holder)) return false;
    // leaving a `try` block or its `catch` runs the `finally` first
    const tryStatement = holder.type === AST_NODE_TYPES.CatchClause ? holder.parent : holder;
    if (tryStatement.type === AST_NODE_TYPES.TryStatement && tryStatement.finalizer && tryStatement.finalizer !== place.container) {
      const outcome = sequence(tryStatement.finalizer.body, covers);
      if (outcome !== 'continues') return outcome === 'covers';
    }
    place = listPlace(holder);
  }
  return false;
}

/** Some statement that always runs before `node` in its function (an earlier sibling on the way up) does it. */
export function coveredBefore(node: TSESTree.Node, covers: CoverTest): boolean {
  for (let place = listPlace(node); place; ) {
    for (const statement of place.list.slice(0, place.at - 1)) {
      if (isSimple(statement) && covers(statement, statement.range[0])) return true;
    }
    const holder = place.container.parent;
    if (!holder || isFunction(holder)) return false;
    place = listPlace(holder);
  }
  return false;
}

/** Every path through the body of `fn` passes a statement that `covers` accepts. */
export function functionCovers(fn: FunctionNode, covers: CoverTest): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return covers(fn.body, fn.body.range[0]);
  return sequence(fn.body.body, covers) === 'covers';
}

interface ListPlace {
  container: StatementList;
  list: readonly TSESTree.Node[];
  /** Index of the statement after the one that holds the node. */
  at: number;
}

/** The statement list around `node` (within its function) and the position after the statement that holds it. */
function listPlace(node: TSESTree.Node): ListPlace | null {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return null;
    const list = statementsOf(current);
    if (list) {
      const index = list.indexOf(child);
      return index < 0 ? null : { container: current as StatementList, list, at: index + 1 };
    }
    child = current;
  }
  return null;
}

function statementsOf(node: TSESTree.Node): readonly TSESTree.Node[] | null {
  switch (node.type) {
    case AST_NODE_TYPES.Program:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.StaticBlock:
      return node.body;
    case AST_NODE_TYPES.SwitchCase:
      return node.consequent;
    default:
      return null;
  }
}

function isSimple(statement: TSESTree.Node): boolean {
  return (
    statement.type === AST_NODE_TYPES.ExpressionStatement ||
    statement.type === AST_NODE_TYPES.VariableDeclaration ||
    statement.type === AST_NODE_TYPES.ReturnStatement
  );
}

function sequence(statements: readonly TSESTree.Node[], covers: CoverTest): Outcome {
  for (const statement of statements) {
    const outcome = evaluate(statement, covers);
    if (outcome !== 'continues') return outcome;
  }
  return 'continues';
}

function evaluate(statement: TSESTree.Node, covers: CoverTest): Outcome {
  const from = statement.range[0];
  switch (statement.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.VariableDeclaration:
      return covers(statement, from) ? 'covers' : 'continues';
    case AST_NODE_TYPES.ReturnStatement:
      return covers(statement, from) ? 'covers' : 'exits';
    case AST_NODE_TYPES.ThrowStatement:
      return 'exits';
    case AST_NODE_TYPES.BlockStatement:
      return sequence(statement.body, covers);
    case AST_NODE_TYPES.IfStatement: {
      const consequent = evaluate(statement.consequent, covers);
      const alternate = statement.alternate ? evaluate(statement.alternate, covers) : 'continues';
      if (consequent === 'covers' && alternate === 'covers') return 'covers';
      return consequent === 'exits' || alternate === 'exits' ? 'exits' : 'continues';
    }
    case AST_NODE_TYPES.TryStatement: {
      const block = sequence(statement.block.body, covers);
      if (block === 'covers') return 'covers';
      if (statement.finalizer && sequence(statement.finalizer.body, covers) === 'covers') return 'covers';
      return block === 'exits' || (statement.handler !== null && mayExit(statement.handler)) ? 'exits' : 'continues';
    }
    case AST_NODE_TYPES.FunctionDeclaration:
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.EmptyStatement:
      return 'continues';
    default:
      // loops, switch, labels: their covers are not on every path, their returns are on some
      return mayExit(statement) ? 'exits' : 'continues';
  }
}

/** A `return` or `throw` somewhere in `node`, outside nested functions. */
function mayExit(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (isFunction(node) || node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
    return false;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (isNode(item) && mayExit(item)) return true;
    } else if (isNode(value) && mayExit(value)) {
      return true;
    }
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
