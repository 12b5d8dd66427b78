// The order of the lint worker's warm-up rounds (worker/warm-up-rounds.ts): TypeScript's first whenever it was
// asked for, each language's rounds once, the module kinds in turn, and an abandoned language dropped.
import { describe, expect, it } from 'vitest';
import type { LintRequest } from '../../../src/lint/engine';
import { WARM_UP_ROUNDS, warmUpText } from '../../../src/lint/warm-up';
import { WarmUpRounds } from '../../../src/lint/worker/warm-up-rounds';

function drain(rounds: WarmUpRounds): LintRequest[] {
  const requests: LintRequest[] = [];
  for (let request = rounds.next(); request; request = rounds.next()) requests.push(request);
  return requests;
}

describe('WarmUpRounds', () => {
  it('runs TypeScript’s rounds before JavaScript’s even when asked second, each language once', () => {
    const rounds = new WarmUpRounds();
    rounds.add('warm-up.js');
    rounds.add('warm-up.ts');
    rounds.add('/p/other.mts');
    rounds.add('/p/other.cjs');
    const requests = drain(rounds);
    expect(requests.map((request) => `${request.fileName} ${request.moduleKind}`)).toEqual([
      ...Array.from({ length: WARM_UP_ROUNDS }, (_, round) => `/socket-hygiene-warm-up.ts ${round % 2 === 0 ? 'module' : 'commonjs'}`),
      ...Array.from({ length: WARM_UP_ROUNDS }, (_, round) => `/socket-hygiene-warm-up.js ${round % 2 === 0 ? 'commonjs' : 'module'}`),
    ]);
    expect(requests[0]!.text).toBe(warmUpText(true));
    expect(requests.at(-1)!.text).toBe(warmUpText(false));
    expect(rounds.done).toBe(true);
  });

  it('goes on where it stopped: a round taken is never repeated', () => {
    const rounds = new WarmUpRounds();
    rounds.add('warm-up.js');
    const first = rounds.next();
    rounds.add('warm-up.ts'); // the TypeScript parser loaded after JavaScript's first round
    const rest = drain(rounds);
    expect(first?.fileName).toBe('/socket-hygiene-warm-up.js');
    expect(rest.filter((request) => request.fileName.endsWith('.ts'))).toHaveLength(WARM_UP_ROUNDS);
    expect(rest.filter((request) => request.fileName.endsWith('.js'))).toHaveLength(WARM_UP_ROUNDS - 1);
    expect(rest[0]!.fileName).toBe('/socket-hygiene-warm-up.ts');
  });

  it('drops the rest of a language whose round failed', () => {
    const rounds = new WarmUpRounds();
    rounds.add('warm-up.ts');
    rounds.add('warm-up.js');
    rounds.abandon(rounds.next()!);
    expect(drain(rounds).every((request) => request.fileName.endsWith('.js'))).toBe(true);
  });
});

describe('WarmUpRounds after a real lint', () => {
  it('runs no more rounds of any language', () => {
    const rounds = new WarmUpRounds();
    rounds.add('warm-up.ts');
    rounds.add('warm-up.js');
    rounds.next();
    expect(rounds.hasRoundsFor(true)).toBe(true);
    rounds.end();
    expect(rounds.hasRoundsFor(true)).toBe(false);
    expect(rounds.next()).toBeUndefined();
    expect(rounds.done).toBe(true);
  });
});
