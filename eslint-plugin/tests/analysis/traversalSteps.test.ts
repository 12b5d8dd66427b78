import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { buildFileIndex, type FileIndex } from '../../src/analysis/fileIndex.js';
import { visitRecordedSteps } from '../../src/analysis/traversalSteps.js';
import { withContext } from './analyze.js';

const CODE = `
const net = require('net');
function Conn(pool) { this.pool = pool; this.sockets = new Set(); }
Conn.prototype.add = function (s) { const self = this; this.sockets.add(s); s.on('close', function () { self.sockets.delete(s); }); };
class Hub {
  static count = 0;
  pending = [];
  constructor() { this.byId = new Map(); }
  open(port) {
    const socket = net.connect(port);
    this.byId.set(port, socket);
    [1, 2].forEach(function () { this.pending.push(socket); }, this);
    socket.on('upgrade', () => this.close(socket));
    return socket;
  }
  close(socket) { socket.end(); this.byId.delete(socket.remotePort); delete this.pending[0]; }
}
const handlers = { error() { this.log = []; }, close: () => {} };
function start() { this.started = true; }
start.call(new Hub());
`;

/** What the index says about every call and member of the file, in a form two indexes can be compared by. */
function summary(index: FileIndex, ast: TSESTree.Program): unknown {
  const ranges = (nodes: readonly { range: TSESTree.Range }[]): string[] => nodes.map((node) => node.range.join('-'));
  const members: string[] = [];
  for (const call of index.calls) {
    if (call.callee.type === AST_NODE_TYPES.MemberExpression) members.push(`${call.callee.range.join('-')}=${index.keyOf(call.callee) ?? ''}`);
  }
  return {
    calls: ranges(index.calls),
    closeCalls: ranges(index.closeCalls.map((close) => close.node)),
    removals: ranges(index.removals.map((removal) => removal.node)),
    takeoverListeners: ranges(index.takeoverListeners),
    members,
    program: ast.range,
  };
}

describe('visitRecordedSteps', () => {
  it('enters every node ESLint visits, in its order, and leaves what enter opened innermost first', () => {
    withContext(CODE, (context) => {
      const entered: TSESTree.Node[] = [];
      const open: TSESTree.Node[] = [];
      const left: TSESTree.Node[] = [];
      const followed = visitRecordedSteps(
        context.sourceCode,
        (node) => {
          entered.push(node);
          if (node.type !== AST_NODE_TYPES.FunctionExpression && node.type !== AST_NODE_TYPES.FunctionDeclaration) return false;
          open.push(node);
          return true;
        },
        () => left.push(open.pop() as TSESTree.Node),
      );
      expect(followed).toBe(true);
      expect(entered[0]?.type).toBe(AST_NODE_TYPES.Program);
      // pre-order: a parent before its children, siblings in source order
      for (let i = 1; i < entered.length; i++) expect(entered[i]!.range[0]).toBeGreaterThanOrEqual(entered[i - 1]!.range[0]);
      expect(entered.filter((node) => node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration)).toHaveLength(9);
      expect(left).toHaveLength(9);
      expect(open).toHaveLength(0);
      // a function is left after its inner functions
      expect(left.indexOf(entered.find((node) => node.type === AST_NODE_TYPES.FunctionExpression && node.range[0] === CODE.indexOf('function (s)'))!)).toBeGreaterThan(
        left.indexOf(entered.find((node) => node.type === AST_NODE_TYPES.FunctionExpression && node.range[0] === CODE.indexOf('function () { self'))!),
      );
    });
  });

  it('says false for a SourceCode that recorded no steps', () => {
    withContext(CODE, (context) => {
      const withoutSteps = Object.create(context.sourceCode, { traverse: { value: undefined } }) as TSESLint.SourceCode;
      expect(visitRecordedSteps(withoutSteps, () => true, () => undefined)).toBe(false);
    });
  });

  it('gives buildFileIndex the same index as its own walk over the tree', () => {
    withContext(CODE, (context) => {
      const fromSteps = buildFileIndex(context.sourceCode, false);
      const withoutSteps = Object.create(context.sourceCode, { traverse: { value: undefined } }) as TSESLint.SourceCode;
      const fromWalk = buildFileIndex(withoutSteps, false);
      expect(fromSteps.calls.length).toBeGreaterThan(10);
      expect(summary(fromSteps, context.sourceCode.ast)).toEqual(summary(fromWalk, context.sourceCode.ast));
    });
  });
});
