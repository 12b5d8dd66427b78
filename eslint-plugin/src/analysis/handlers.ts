// What a handler does when it runs, including the same-file functions it calls (depth 3):
// does it end, destroy or re-arm something, re-emit, remove entries from which collections.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { contains, isFunction, unwrap } from './ast.js';
import { type FileIndex, within } from './fileIndex.js';
import { MAX_DEPTH } from './flow.js';
import { resolveCall } from './functions.js';
import { type CollectionKey, textKey } from './keys.js';
import { catchesOfRejection } from './promises.js';
import { DefinitionType } from './scope.js';

export interface HandlerSummary {
  /** Calls `end()` on something (a socket, a request, a response). */
  ends: boolean;
  /** Calls `destroy()`, `resetAndDestroy()`, `destroySoon()`, `abort()` or `terminate()`. */
  destroys: boolean;
  /** Re-arms a timer or probes the peer (`setTimeout`, `refresh`, `ping`). */
  rearms: boolean;
  /** Re-emits an event for code elsewhere to handle. */
  emits: boolean;
  /**
   * Passes control to code outside the file: a socket handed off in it, or a call to a function it
   * received (a parameter) or to a method of `this` defined elsewhere (`this.handleTimeout()`).
   */
  handsOff: boolean;
  /**
   * The part of `handsOff` that gives code outside the socket or its owner: a socket handed off in it, or
   * `this.method()` defined elsewhere. A call to a received callback alone (`callback(err)`, `reject(err)`)
   * tells the caller something happened but gives it nothing to close.
   */
  handsOffSocket: boolean;
  /** Keys of the collections it removes entries from. */
  removes: ReadonlySet<CollectionKey>;
  /** The end() calls, for fixes. */
  endCalls: readonly TSESTree.CallExpression[];
}

const EMPTY: HandlerSummary = {
  ends: false,
  destroys: false,
  rearms: false,
  emits: false,
  handsOff: false,
  handsOffSocket: false,
  removes: new Set<CollectionKey>(),
  endCalls: [],
};

/** The key of a collection expression: its canonical key, else its text. */
export function collectionKeyOf(index: FileIndex, collection: TSESTree.Node): CollectionKey {
  return index.keyOf(collection) ?? textKey(index.sourceCode.getText(collection));
}

export class HandlerSummaries {
  private readonly memo = new Map<TSESTree.Node, HandlerSummary>();
  private readonly inProgress = new Set<TSESTree.Node>();

  private readonly handOffs: readonly TSESTree.Node[];

  /** `handOffs`: where sockets leave the file (from every origin of the model). */
  constructor(
    private readonly index: FileIndex,
    handOffs: readonly TSESTree.Node[],
  ) {
    this.handOffs = [...handOffs].sort((a, b) => a.range[0] - b.range[0]);
  }

  /** Summary of a function (or any node) and what it calls; `from` skips code before a position. */
  of(node: TSESTree.Node, from = node.range[0], depth = 0): HandlerSummary {
    const cacheable = from === node.range[0];
    const cached = cacheable ? this.memo.get(node) : undefined;
    if (cached) return cached;
    if (this.inProgress.has(node) || depth > MAX_DEPTH) return EMPTY;
    this.inProgress.add(node);
    const range: TSESTree.Range = [from, node.range[1]];
    const removes = new Set<CollectionKey>();
    const endCalls: TSESTree.CallExpression[] = [];
    let ends = false;
    let destroys = false;
    let rearms = false;
    let emits = false;
    let handsOffSocket = within(this.handOffs, (item) => item, range).length > 0;
    let handsOff = handsOffSocket;
    /** What a function it runs (a callee, a catch block) does, it does too. */
    const absorb = (inner: HandlerSummary): void => {
      ends ||= inner.ends;
      destroys ||= inner.destroys;
      rearms ||= inner.rearms;
      emits ||= inner.emits;
      handsOff ||= inner.handsOff;
      handsOffSocket ||= inner.handsOffSocket;
      for (const key of inner.removes) removes.add(key);
      endCalls.push(...inner.endCalls);
    };
    for (const close of within(this.index.closeCalls, (item) => item.node, range)) {
      if (close.kind === 'end') {
        ends = true;
        endCalls.push(close.node);
      } else if (close.kind === 'destroy') destroys = true;
      else if (close.kind === 'rearm') rearms ||= close.method !== 'setTimeout' || isNonZeroDelay(close.node.arguments[0]);
      else emits = true;
    }
    for (const removal of within(this.index.removals, (item) => item.node, range)) {
      removes.add(collectionKeyOf(this.index, removal.collection));
    }
    for (const call of within(this.index.calls, (item) => item, range)) {
      const target = resolveCall(this.index, call);
      if (!target) {
        const outside = this.callsOutside(call);
        handsOff ||= outside !== null;
        handsOffSocket ||= outside === 'method';
        // reject(…) of an awaited promise: the catch around the await runs next
        for (const block of catchesOfRejection(this.index, call)) {
          if (contains(block, call)) continue;
          absorb(this.of(block, block.range[0], depth + 1));
        }
        continue;
      }
      if (contains(node, target.fn)) continue;
      absorb(this.of(target.fn, target.fn.range[0], depth + 1));
    }
    this.inProgress.delete(node);
    const summary: HandlerSummary = { ends, destroys, rearms, emits, handsOff, handsOffSocket, removes, endCalls };
    if (cacheable && (depth === 0 || isFunction(node) || node.type === AST_NODE_TYPES.Program)) this.memo.set(node, summary);
    return summary;
  }

  /** A call into code the handler received or inherited: a parameter, or `this.method()` not in the file. */
  private callsOutside(call: TSESTree.CallExpression): 'callback' | 'method' | null {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const received = this.index.variableOf(callee)?.defs.some((def) => def.type === DefinitionType.Parameter) ?? false;
      return received ? 'callback' : null;
    }
    const inherited =
      callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression;
    return inherited ? 'method' : null;
  }
}

/** `setTimeout(0)` turns the idle timer off: it does not re-arm anything. */
function isNonZeroDelay(argument: TSESTree.Node | undefined): boolean {
  if (!argument) return false;
  return !(argument.type === AST_NODE_TYPES.Literal && argument.value === 0);
}
