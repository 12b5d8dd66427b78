import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { contains, enclosingFunction, isFunction } from '../../src/analysis/ast.js';
import { buildFileIndex } from '../../src/analysis/fileIndex.js';
import { type CoverTest, coveredAfter, coveredBefore, functionCovers } from '../../src/analysis/pathCover.js';
import { withContext } from './analyze.js';

/** Calls to `name()` in the code. */
function callsTo(calls: readonly TSESTree.CallExpression[], name: string): TSESTree.CallExpression[] {
  return calls.filter((call) => call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === name);
}

/** `fix()` in the statement, at or after `from`, not inside a nested function: what covers. */
function coverBy(fixes: readonly TSESTree.CallExpression[]): CoverTest {
  return (statement, from) =>
    fixes.some((fix) => fix.range[0] >= from && contains(statement, fix) && enclosingFunction(fix) === enclosingFunction(statement));
}

/** For the `mark()` call of the code: is it covered after, covered before, by `fix()` calls. */
function cover(code: string): { after: boolean; before: boolean } {
  return withContext(code, (context) => {
    const index = buildFileIndex(context.sourceCode, false);
    const [mark] = callsTo(index.calls, 'mark');
    if (!mark) throw new Error('no mark()');
    const covers = coverBy(callsTo(index.calls, 'fix'));
    return { after: coveredAfter(mark, covers), before: coveredBefore(mark, covers) };
  });
}

describe('coveredAfter', () => {
  it.each([
    ['the next statement', 'function f() { mark(); fix(); }', true],
    ['the same statement, later in the chain', 'function f() { mark().fix; mark2(fix()); }', true],
    ['nothing after it', 'function f() { fix(); mark(); }', false],
    ['an early return before it', 'function f(x) { mark(); if (x) { return; } fix(); }', false],
    ['a throw before it', 'function f(x) { mark(); if (x) throw new Error(); fix(); }', false],
    ['both branches of an if', 'function f(x) { mark(); if (x) { fix(); } else { fix(); } }', true],
    ['one branch only, then nothing', 'function f(x) { mark(); if (x) { fix(); } }', false],
    ['one branch, then after the if', 'function f(x) { mark(); if (x) { fix(); } fix(); }', true],
    ['a branch that covers and returns', 'function f(x) { mark(); if (x) { fix(); return; } fix(); }', true],
    ['a return in a loop before it', 'function f(xs) { mark(); for (const x of xs) { if (x) return; } fix(); }', false],
    ['a loop without a return, then it', 'function f(xs) { mark(); for (const x of xs) { g(x); } fix(); }', true],
    ['only inside a nested function', 'function f() { mark(); setTimeout(() => { fix(); }); }', false],
    ['from inside an if, after the if', 'function f(x) { if (x) { mark(); } g(); fix(); }', true],
    ['from inside a try block, in the finally', 'function f() { try { mark(); g(); } finally { fix(); } }', true],
    ['an expression-bodied arrow', 'const f = () => mark();', false],
    ['at module level, later', 'mark(); fix();', true],
  ])('%s', (_name, code, expected) => {
    expect(cover(code).after).toBe(expected);
  });
});

describe('coveredBefore', () => {
  it.each([
    ['an earlier statement', 'function f() { fix(); mark(); }', true],
    ['an earlier statement of an outer block', 'function f(x) { fix(); if (x) { mark(); } }', true],
    ['only in an earlier branch', 'function f(x) { if (x) { fix(); } mark(); }', false],
    ['only after it', 'function f() { mark(); fix(); }', false],
    ['in the caller, not in the function', 'function f() { mark(); } fix(); f();', false],
  ])('%s', (_name, code, expected) => {
    expect(cover(code).before).toBe(expected);
  });
});

describe('functionCovers', () => {
  it.each([
    ['every path', 'function f(x) { if (x) { fix(); return; } fix(); }', true],
    ['an early return', 'function f(x) { if (x) return; fix(); }', false],
    ['an expression body', 'const f = () => fix();', true],
  ])('%s', (_name, code, expected) => {
    expect(
      withContext(code, (context) => {
        const index = buildFileIndex(context.sourceCode, false);
        const [fix] = callsTo(index.calls, 'fix');
        const fn = fix ? enclosingFunction(fix) : null;
        if (!fn || !isFunction(fn)) throw new Error('no function');
        return functionCovers(fn, coverBy(callsTo(index.calls, 'fix')));
      }),
    ).toBe(expected);
  });
});
