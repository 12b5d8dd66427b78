// Our rule factory replaces typescript-eslint's RuleCreator (which needs TypeScript at run time):
// the same docs url and the same option defaults, checked against typescript-eslint's own applyDefault.
import { ESLintUtils } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { applyDefault, createRule, DOCS_BASE_URL } from '../src/util/createRule.js';

describe('createRule', () => {
  const cases: [readonly unknown[], unknown[] | undefined][] = [
    [[{ trustHandOff: true }], undefined],
    [[{ trustHandOff: true }], []],
    [[{ trustHandOff: true }], [{ trustHandOff: false }]],
    [[{ servers: true, rejectOnceOnly: false, trustHandOff: true }], [{ rejectOnceOnly: true }]],
    [[{ a: { b: 1, c: [1] } }], [{ a: { c: [2], d: 3 } }]],
    [[{ a: 1 }, 'x'], [undefined, 'y']],
    [[{ a: 1 }], [null]],
    [[{ a: 1 }], [['array']]],
    [[], [{ extra: true }]],
  ];

  it.each(cases)('merges options as typescript-eslint does: defaults %j, user %j', (defaults, user) => {
    expect(applyDefault(defaults, user)).toEqual(ESLintUtils.applyDefault(defaults, user ?? null));
  });

  it('does not change the defaults or the user options', () => {
    const defaults = [{ a: { b: 1 } }] as const;
    const user = [{ a: { c: 2 } }];
    const merged = applyDefault(defaults, user);
    expect(merged).toEqual([{ a: { b: 1, c: 2 } }]);
    expect(defaults).toEqual([{ a: { b: 1 } }]);
    expect(user).toEqual([{ a: { c: 2 } }]);
  });

  it('adds the docs url and hands create() the merged options', () => {
    let seen: unknown;
    const rule = createRule<[{ flag?: boolean; other?: number }], 'm'>({
      name: 'some-rule',
      meta: {
        type: 'problem',
        docs: { description: 'd', recommended: false },
        messages: { m: 'm' },
        schema: [],
        defaultOptions: [{ flag: true, other: 1 }],
      },
      create(_context, [options]) {
        seen = options;
        return {};
      },
    });
    expect(rule.name).toBe('some-rule');
    expect(rule.meta.docs?.url).toBe(`${DOCS_BASE_URL}/some-rule.md`);
    rule.create({ options: [{ other: 2 }] } as never);
    expect(seen).toEqual({ flag: true, other: 2 });
  });
});
