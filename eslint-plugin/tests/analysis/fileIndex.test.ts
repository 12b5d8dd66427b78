import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { buildFileIndex, newCollectionKind, within } from '../../src/analysis/fileIndex.js';
import { memberKey } from '../../src/analysis/keys.js';
import { withContext } from './analyze.js';

function index(code: string) {
  return withContext(code, (context) => {
    const built = buildFileIndex(context.sourceCode, false);
    const text = (node: TSESTree.Node): string => code.slice(node.range[0], node.range[1]);
    return { built, text };
  });
}

describe('buildFileIndex', () => {
  it('gives this.x the same key in every method of a class, and obj.x for obj = new C()', () => {
    const { built, text } = index(`
class Hub {
  constructor() { this.sockets = new Set(); }
  add(s) { this.sockets.add(s); }
  remove(s) { const f = () => this.sockets.delete(s); f(); }
}
const hub = new Hub();
hub.sockets.clear();`);
    const keys = new Set(
      built.calls
        .map((call) => (call.callee as TSESTree.MemberExpression).object)
        .filter((object) => object && text(object).endsWith('sockets'))
        .map((object) => built.keyOf(object)),
    );
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^c:\d+\.sockets$/);
  });

  it('records collection kinds from initialisers, class fields and assignments', () => {
    const { built, text } = index(`
const a = new Set(); const b = new WeakMap(); let c = [];
class K { d = new Map(); constructor() { this.e = {}; this.f = new WeakSet(); } use() { this.d; this.e; this.f; } }`);
    const declarations = built.sourceCode.ast.body.filter((statement) => statement.type === AST_NODE_TYPES.VariableDeclaration);
    const names = declarations.flatMap((declaration) => declaration.declarations.map((d) => d.id));
    const kindOf = (node: TSESTree.Node): string | undefined => {
      const key = built.keyOf(node);
      return key === null ? undefined : built.collectionKind(key);
    };
    expect(names.map(kindOf)).toEqual(['Set', 'WeakMap', 'Array']);
    const classKeys = ['d', 'e', 'f'].map((name) => {
      const member = [...built.membersByKey(memberKey(built.classOf(built.sourceCode.ast.body[3] as never), name))][0];
      return member ? `${text(member)}:${kindOf(member) ?? ''}` : name;
    });
    expect(classKeys).toEqual(['this.d:Map', 'this.e:Object', 'this.f:WeakSet']);
  });

  it('finds removals: delete, splice, clear, filter re-assignment, delete c[k], c[k] = null', () => {
    const { built, text } = index(`
s.delete(x); a.splice(i, 1); m.clear(); list = list.filter(f); delete o[k]; o[k] = null; o[k] = undefined; a.length = 0;`);
    expect(built.removals.map((removal) => text(removal.collection))).toEqual(['s', 'a', 'm', 'list', 'o', 'o', 'o', 'a']);
  });

  it('finds closing calls by kind', () => {
    const { built } = index(`s.end(); s.destroy(); r.abort(); w.terminate(); s.setTimeout(1); t.refresh(); e.emit('x');`);
    expect(built.closeCalls.map((call) => `${call.kind}:${call.method}`)).toEqual([
      'end:end',
      'destroy:destroy',
      'destroy:abort',
      'destroy:terminate',
      'rearm:setTimeout',
      'rearm:refresh',
      'emit:emit',
    ]);
  });

  it('gives const self = this, a constructor parameter kept as a field and a TS parameter property the field key', () => {
    const keyOfName = (code: string, name: string, parser: 'espree' | 'ts' = 'espree'): (string | null)[] =>
      withContext(
        code,
        (context) => {
          const built = buildFileIndex(context.sourceCode, false);
          const found = new Set<string | null>();
          for (const call of built.calls) {
            const callee = call.callee as TSESTree.MemberExpression;
            if (callee.type === AST_NODE_TYPES.MemberExpression && code.slice(...callee.object.range).endsWith(name)) {
              found.add(built.keyOf(callee.object));
            }
          }
          return [...found];
        },
        parser,
      );
    expect(keyOfName(`class A { m() { const self = this; self.pool.add(1); this.pool.delete(1); } }`, 'pool')).toHaveLength(1);
    expect(keyOfName(`class A { constructor(pool) { this.pool = pool; pool.add(1); } m() { this.pool.delete(1); } }`, 'pool')).toHaveLength(1);
    expect(keyOfName(`function A(pool) { pool.add(1); this.pool = pool; } A.prototype.m = function () { this.pool.delete(1); };`, 'pool')).toHaveLength(1);
    expect(keyOfName(`class A { constructor(private pool: Set<number>) { pool.add(1); } m() { this.pool.delete(1); } }`, 'pool', 'ts')).toHaveLength(1);
    // re-assigned, or assigned outside a constructor: two names, two keys
    expect(keyOfName(`class A { constructor(pool) { pool = pool || new Set(); this.pool = pool; pool.add(1); } m() { this.pool.delete(1); } }`, 'pool')).toHaveLength(2);
    expect(keyOfName(`class A { set(pool) { this.pool = pool; pool.add(1); } m() { this.pool.delete(1); } }`, 'pool')).toHaveLength(2);
  });

  it('lists the arguments that are the this of an owner, through const self = this too', () => {
    const { built, text } = index(`
class A { constructor() { API.call(this, 1); const self = this; register(self); other(this.x); } }`);
    const owner = built.classOf(built.sourceCode.ast.body[0] as never);
    expect(built.thisArgumentsOf(owner).map((node) => text(node.parent as TSESTree.Node))).toEqual(['API.call(this, 1)', 'register(self)']);
  });

  it('collects upgrade/connect registrations on any emitter', () => {
    const { built } = index(`a.on('upgrade', (req, s) => {}); b.once('connect', f); c.on('data', g);`);
    expect(built.takeoverListeners).toHaveLength(2);
  });

  it('within() returns the items inside a range, by binary search', () => {
    const { built, text } = index(`a(); function f() { b(); c(); } d();`);
    const fn = built.sourceCode.ast.body[1] as TSESTree.Node;
    expect(within(built.calls, (call) => call, fn.range).map(text)).toEqual(['b()', 'c()']);
  });
});

describe('newCollectionKind', () => {
  it('knows fresh collections', () => {
    const kinds = withContext(`[]; ({}); new Set(); new Map(); new WeakMap(); new WeakSet(); Object.create(null); new Foo();`, (context) =>
      context.sourceCode.ast.body.map((statement) => newCollectionKind((statement as TSESTree.ExpressionStatement).expression)),
    );
    expect(kinds).toEqual(['Array', 'Object', 'Set', 'Map', 'WeakMap', 'WeakSet', 'Object', undefined]);
  });
});
