import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { buildFileIndex } from '../../src/analysis/fileIndex.js';
import { callersOf, resolveCall, resolveFunction } from '../../src/analysis/functions.js';
import { withContext } from './analyze.js';

/** For each call `probe(x)` in the code: the name of the function `x` resolves to. */
function resolved(code: string): (string | null)[] {
  return withContext(code, (context) => {
    const index = buildFileIndex(context.sourceCode, false);
    return index.calls
      .filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'probe')
      .map((call) => {
        const fn = call.arguments[0] ? resolveFunction(index, call.arguments[0]) : null;
        return fn ? label(fn) : null;
      });
  });
}

function label(fn: TSESTree.Node): string {
  const parent = fn.parent;
  if (fn.type === AST_NODE_TYPES.FunctionExpression || fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (fn.id) return fn.id.name;
  }
  if (parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition || parent?.type === AST_NODE_TYPES.Property) {
    return (parent.key as TSESTree.Identifier).name;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return (parent.id as TSESTree.Identifier).name;
  return '?';
}

describe('resolveFunction', () => {
  it('resolves declarations, const arrows, class methods, object methods, prototype methods and bind', () => {
    expect(
      resolved(`
function plain() {}
const arrow = () => {};
class C { method() {} field = () => {}; run() { probe(this.method); probe(this.field); } }
const c = new C();
const o = { m() {} };
function Old() {}
Old.prototype.legacy = function legacy() {};
const old = new Old();
probe(plain); probe(arrow); probe(c.method); probe(o.m); probe(old.legacy); probe(plain.bind(null)); probe(unknown); probe(C.nope);`),
    ).toEqual(['method', 'field', 'plain', 'arrow', 'method', 'm', 'legacy', 'plain', null, null]);
  });
});

describe('resolveCall', () => {
  it('shifts arguments for .call and .bind, and resolves constructors of file classes', () => {
    const offsets = withContext(
      `function f(a, b) {} class K { constructor(s) {} } f.call(null, 1); f.bind(null, 1); new K(1); f(1); g(1);`,
      (context) => {
        const index = buildFileIndex(context.sourceCode, false);
        const news = context.sourceCode.ast.body.flatMap((statement) =>
          statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.NewExpression
            ? [statement.expression]
            : [],
        );
        return [...index.calls, ...news].map((call) => resolveCall(index, call)?.parameterOffset ?? null);
      },
    );
    expect(offsets).toEqual([-1, -1, 0, null, 0]);
  });
});

describe('callersOf', () => {
  it('lists the calls of a private function, and gives up when the function escapes or is exported', () => {
    const result = withContext(
      `function open() {} open(); open(); function leaked() {} setTimeout(leaked); export function pub() {}`,
      (context) => {
        const index = buildFileIndex(context.sourceCode, false);
        const functions = context.sourceCode.ast.body.flatMap((statement) =>
          statement.type === AST_NODE_TYPES.FunctionDeclaration
            ? [statement]
            : statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.FunctionDeclaration
              ? [statement.declaration]
              : [],
        );
        return functions.map((fn) => callersOf(index, fn)?.length ?? null);
      },
    );
    expect(result).toEqual([2, null, null]);
  });
});
