import { describe, expect, it } from 'vitest';

import { disabledLines, isDisabled } from '../../src/util/directives.js';
import { withContext } from './analyze.js';

describe('socket-hygiene-disable-next-line', () => {
  it('turns off the named rules (prefix optional) on the next line only', () => {
    const code = `
// socket-hygiene-disable-next-line remove-on-close, socket-hygiene/timeout-ends-socket
a();
/* socket-hygiene-disable-next-line require-error-listener -- the peer is trusted */
b();
// socket-hygiene-disable-next-line
c();
// socket-hygiene-disable-next-linefoo
d();`;
    const result = withContext(code, (context) => ({
      lines: [...disabledLines(context.sourceCode).entries()].map(([line, ids]) => [line, [...ids].sort()]),
      checks: [
        isDisabled(context.sourceCode, 'remove-on-close', 3),
        isDisabled(context.sourceCode, 'timeout-ends-socket', 3),
        isDisabled(context.sourceCode, 'require-error-listener', 3),
        isDisabled(context.sourceCode, 'require-error-listener', 5),
        isDisabled(context.sourceCode, 'remove-on-close', 4),
        isDisabled(context.sourceCode, 'remove-on-close', 7),
      ],
    }));
    expect(result.lines).toEqual([
      [3, ['remove-on-close', 'timeout-ends-socket']],
      [5, ['require-error-listener']],
      [7, ['*']],
    ]);
    expect(result.checks).toEqual([true, true, false, true, false, true]);
  });
});
