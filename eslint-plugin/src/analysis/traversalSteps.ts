// The file's nodes in the order ESLint's own traversal enters and leaves them, read from the steps ESLint
// has already recorded for this SourceCode (`sourceCode.traverse()`, cached by ESLint 9+ before any rule
// runs), so the file index does not walk the tree a second time. Reading a flat array of steps costs a
// fraction of a walk over the visitor keys, whose `node[key]` reads see every node shape of the file.
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * ESLint's VisitNodeStep (@eslint/plugin-kit): type 'visit' (kind 1 since ESLint added the number; early 9.x
 * steps have the type only); phase 1 enters the node, phase 2 leaves it.
 */
interface TraversalStep {
  readonly kind?: number;
  readonly type?: string;
  readonly phase?: number;
  readonly target: unknown;
}

interface SteppedSourceCode {
  traverse?: () => Iterable<TraversalStep>;
}

const VISIT = 1;
const ENTER = 1;

/**
 * Calls `enter` for every node in ESLint's traversal order and `leave` when a node `enter` answered true for
 * is left. False when this SourceCode records no steps (ESLint before 9, a SourceCode of another language):
 * then the caller walks the tree itself.
 */
export function visitRecordedSteps(
  sourceCode: Readonly<TSESLint.SourceCode>,
  enter: (node: TSESTree.Node) => boolean,
  leave: () => void,
): boolean {
  const stepped = sourceCode as unknown as SteppedSourceCode;
  if (typeof stepped.traverse !== 'function') return false;
  const steps = stepped.traverse();
  if (!Array.isArray(steps)) return false;
  // the nodes `enter` opened something for, innermost last
  const opened: unknown[] = [];
  for (const step of steps as readonly TraversalStep[]) {
    if (step.kind !== VISIT && step.type !== 'visit') continue;
    if (step.phase === ENTER) {
      if (enter(step.target as TSESTree.Node)) opened.push(step.target);
    } else if (opened.length > 0 && opened[opened.length - 1] === step.target) {
      opened.pop();
      leave();
    }
  }
  return true;
}
