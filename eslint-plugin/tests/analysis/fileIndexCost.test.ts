// The file index's shortcuts (issue 12's cost work) give the index a full walk would: members keyed a name
// at a time.
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { buildFileIndex } from '../../src/analysis/fileIndex.js';
import { withContext } from './analyze.js';

const CODE = `
const net = require('net');
function Conn(pool) { this.pool = pool; this.sockets = []; var self = this; self.timer = null; }
Conn.prototype.open = function () {
  const s = net.connect(80);
  this.sockets.push(s);
  this.pool.add(s);
  [1, 2].forEach(function () { this.sockets.length = 0; }, this);
  return { s, done: () => this.sockets.pop() };
};
class Hub {
  static count = 0;
  handlers = { close: () => this.onClose() };
  constructor() { this.sockets = new Set(); this.byName = {}; }
  add(s) { this.sockets.add(s); this.byName.a = {}; this.byName.a.b = s; this.byName['a.b'] = s; }
  onClose() { const f = function () { this.sockets.clear(); }; f(); this.sockets.clear(); }
}
const hub = new Hub();
hub.sockets.add(null);
const api = { start() { this.server = net.createServer(); }, stop() { this.server.close(); } };
`;

function nodesOf(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    nodes.push(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof (item as TSESTree.Node).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  visit(sourceCode.ast);
  return nodes;
}

describe('buildFileIndex shortcuts', () => {
  it('lists the members of a key in walk order, including a key two names can spell (`o["a.b"]`, `o.a.b`)', () => {
    withContext(CODE, (context) => {
      const index = buildFileIndex(context.sourceCode, false);
      const members = nodesOf(context.sourceCode).filter((node): node is TSESTree.MemberExpression => node.type === AST_NODE_TYPES.MemberExpression);
      const expected = new Map<string, TSESTree.MemberExpression[]>();
      for (const member of members) {
        const key = index.keyOf(member);
        if (key !== null) expected.set(key, [...(expected.get(key) ?? []), member]);
      }
      const dotted = [...expected.keys()].find((key) => key.endsWith('.byName.a.b'));
      expect(dotted && expected.get(dotted)?.length).toBe(2);
      for (const [key, list] of expected) expect(index.membersByKey(key as never)).toEqual(list);
    });
  });
});
