// Which object a name holds at a use, when the name is assigned more than once (issue 10, class 5):
// `this.conn = tls.connect({ socket: this.conn })` replaces the plain socket, and a listener registered on
// `this.conn` before the replacement, or in a function that assigns `this.conn` itself first, belongs to the
// object held then, not to the new one. Flow-sensitive only as far as source order inside one function:
// a use sees the writes of its own function that precede it, and the value the function started with
// (any write of another function) unless a write of its own surely came first (straight-line, or in both
// branches of an `if`). Uses in other functions (handlers, other methods) see every write.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { contains, enclosingFunction, type FunctionNode, isTransparent } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import type { PlaceKey } from './keys.js';

type Variable = TSESLint.Scope.Variable;

/** A name that is written: a variable, or a member place (`this.conn` of a class). */
export type Place = Variable | PlaceKey;

interface Write {
  /** The written node: the identifier or member on the left, the declared identifier. */
  target: TSESTree.Node;
  /** The whole assignment or declarator: the value is held once it has run. */
  statement: TSESTree.Node;
  fn: FunctionNode | null;
}

export class Reassignments {
  private readonly writesByPlace = new Map<Place, readonly Write[]>();

  constructor(private readonly index: FileIndex) {}

  /**
   * The use of `place` can see the value that `written` stored there (null: a value the model met
   * without a write of its own, such as a parameter). True whenever the place is written only once.
   */
  sees(place: Place, written: TSESTree.Node | null, use: TSESTree.Node): boolean {
    const writes = this.writesOf(place);
    if (writes.length < 2) return true;
    const fn = enclosingFunction(use);
    const before = writes.filter((write) => write.fn === fn && write.statement.range[1] <= use.range[0]);
    if (before.length === 0) return true;
    const own = before.find((write) => write.target === written);
    if (own === undefined && writes.some((write) => write.target === written && write.fn === fn)) return false;
    const cut = this.lastSureWrite(before, use, fn);
    if (own) return cut === null || own.statement.range[0] >= cut.range[0];
    return cut === null;
  }

  private writesOf(place: Place): readonly Write[] {
    let writes = this.writesByPlace.get(place);
    if (!writes) {
      writes = typeof place === 'string' ? this.memberWrites(place) : variableWrites(place);
      this.writesByPlace.set(place, writes);
    }
    return writes;
  }

  private memberWrites(key: PlaceKey): Write[] {
    const writes: Write[] = [];
    for (const member of this.index.membersByKey(key)) {
      const parent = member.parent;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member && parent.operator === '=') {
        writes.push({ target: member, statement: parent, fn: enclosingFunction(member) });
      }
    }
    return writes;
  }

  /** The latest statement before `use`, in a block around it, that surely writes the place. */
  private lastSureWrite(writes: readonly Write[], use: TSESTree.Node, fn: FunctionNode | null): TSESTree.Node | null {
    let cut: TSESTree.Node | null = null;
    for (const write of writes) {
      const statement = climb(write.statement, writes, fn, (node) => isListItem(node) && contains(node.parent as TSESTree.Node, use));
      if (statement && (cut === null || statement.range[0] > cut.range[0])) cut = statement;
    }
    return cut;
  }
}

function variableWrites(variable: Variable): Write[] {
  const writes: Write[] = [];
  for (const reference of variable.references) {
    if (!reference.isWrite()) continue;
    const target = reference.identifier as TSESTree.Node;
    const parent = target.parent;
    const statement =
      parent?.type === AST_NODE_TYPES.VariableDeclarator || parent?.type === AST_NODE_TYPES.AssignmentExpression ? parent : target;
    writes.push({ target, statement, fn: enclosingFunction(target) });
  }
  return writes;
}

/**
 * From a write up to the first node `found` accepts, through nodes that run it surely (an expression
 * statement, a declaration, a block, an `if` whose other branch writes too). Null when the way up is
 * conditional (a loop, `&&`, one branch only) or leaves the function.
 */
function climb(
  start: TSESTree.Node,
  writes: readonly Write[],
  fn: FunctionNode | null,
  found: (node: TSESTree.Node) => boolean,
): TSESTree.Node | null {
  let node = start;
  for (;;) {
    if (found(node)) return node;
    const parent = node.parent;
    if (!parent || parent === fn) return null;
    if (parent.type === AST_NODE_TYPES.IfStatement) {
      const other = parent.consequent === node ? parent.alternate : parent.alternate === node ? parent.consequent : null;
      if (!other || !writesSurely(other, writes, fn)) return null;
    } else if (!runsChild(parent, node)) {
      return null;
    }
    node = parent;
  }
}

/** Every run of `branch` writes the place. */
function writesSurely(branch: TSESTree.Node, writes: readonly Write[], fn: FunctionNode | null): boolean {
  return writes.some((write) => contains(branch, write.statement) && climb(write.statement, writes, fn, (node) => node === branch) !== null);
}

/** `parent` runs `child` whenever it runs itself. */
function runsChild(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.VariableDeclaration:
    case AST_NODE_TYPES.VariableDeclarator:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.SequenceExpression:
      return true;
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.operator === '=' && parent.right === child;
    default:
      return isTransparent(parent);
  }
}

/** An item of a statement list (a block's, the program's). */
function isListItem(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.BlockStatement || parent?.type === AST_NODE_TYPES.Program || parent?.type === AST_NODE_TYPES.StaticBlock;
}
