import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { analyze } from './analyze.js';

/** Summaries of every top-level arrow `const hN = () => …` of the code. */
function summaries(code: string): Record<string, string> {
  const model = analyze(code);
  const result: Record<string, string> = {};
  for (const statement of model.index.sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    const declarator = statement.declarations[0];
    if (!declarator?.init || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.id.name.startsWith('h')) continue;
    const summary = model.handlers.of(declarator.init);
    const flags = (['ends', 'destroys', 'rearms', 'emits', 'handsOff'] as const).filter((flag) => summary[flag]);
    result[declarator.id.name] = [...flags, ...[...summary.removes].map((key) => `removes:${key.replace(/\d+/gu, 'N')}`)].join(' ');
  }
  return result;
}

describe('HandlerSummaries', () => {
  it('sees end, destroy, re-arm and re-emit, also in nested callbacks', () => {
    expect(
      summaries(`
const h1 = () => { console.log('x'); };
const h2 = (s) => s.end();
const h3 = (s) => { s.end(); setTimeout(() => s.destroy(), 10); };
const h4 = (s) => s.setTimeout(100);
const h5 = (s) => s.setTimeout(0);
const h6 = () => self.emit('timeout');
const h7 = (s) => res.writeHead(408).end();`),
    ).toEqual({ h1: '', h2: 'ends', h3: 'ends destroys', h4: 'rearms', h5: '', h6: 'emits', h7: 'ends' });
  });

  it('follows same-file functions and methods (depth 3) and collects removals by collection key', () => {
    expect(
      summaries(`
const sockets = new Set();
function forget(s) { sockets.delete(s); }
function close(s) { forget(s); s.destroy(); }
const h1 = (s) => close(s);
const h2 = (s) => { list = list.filter((x) => x !== s); };
const h3 = (done) => done();`),
    ).toEqual({ h1: 'destroys removes:v:N', h2: 'removes:g:list', h3: 'handsOff' });
  });

  it('follows reject() of an awaited promise into the catch around the await', () => {
    expect(
      summaries(`
const { promise, reject } = Promise.withResolvers();
const h1 = () => reject(new Error('timeout'));
async function wait(s) { try { await promise; } catch { s.destroy(); } }
// a reject() with no promise in sight settles nothing this file awaits
const h2 = () => { const { reject: fail } = make(); fail(); };`),
    ).toEqual({ h1: 'destroys', h2: '' });
  });
});
