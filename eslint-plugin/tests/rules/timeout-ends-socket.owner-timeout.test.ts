// A wrapper that keeps the socket in a field and re-emits its 'timeout' as its own hands the decision to
// its users, who close it through the wrapper (ssh2's Client). Handled even with `trustHandOff: false`,
// when the wrapper can close the socket; otherwise the re-emit is still a hand-off like any other.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/timeout-ends-socket.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const strict: Options = [{ trustHandOff: false, requireDestroyFallback: true }];

const wrapper = (handler: string, close: string): string => `
import { EventEmitter } from 'node:events';
import net from 'node:net';
export class Client extends EventEmitter {
  connect(port, timeout) {
    const sock = this._sock = net.connect(port);
    sock.setTimeout(timeout);
    sock.on('error', (err) => this.emit('error', err));
    sock.on('timeout', ${handler});
  }
  end() {
    ${close}
  }
}`;

const arrow = (line: string): string => `() => {\n      ${line}\n    }`;
const plainFunction = (line: string): string => `function () {\n      ${line}\n    }`;

const valid: Valid[] = js<Valid>([
  {
    name: "re-emits 'timeout' on the wrapper, whose end() ends the socket",
    code: wrapper(arrow("this.emit('timeout');"), 'if (this._sock) this._sock.end();'),
    options: strict,
  },
  {
    name: "re-emits 'timeout' on the wrapper, whose end() destroys the socket",
    code: wrapper("() => this.emit('timeout')", 'this._sock.destroy();'),
    options: strict,
  },
]);

/** The handler (one statement, `body`) never closes: both suggestions append to it. */
function reported(handler: (body: string) => string, body: string, close: string): Omit<Invalid, 'name'> {
  const withLines = (lines: string[]): string => wrapper(handler([body, ...lines].join('\n      ')), close);
  return {
    code: wrapper(handler(body), close),
    options: strict,
    errors: [
      {
        messageId: 'handlerNeverEnds',
        line: 9,
        column: 24,
        suggestions: [
          { messageId: 'destroySocket', output: withLines(['sock.destroy();']) },
          {
            messageId: 'endThenDestroy',
            output: withLines(['sock.end();', 'setTimeout(() => {', '  if (!sock.destroyed) sock.destroy();', '}, 5000).unref();']),
          },
        ],
      },
    ],
  };
}

const invalid: Invalid[] = js<Invalid>([
  {
    name: 'the wrapper never closes its socket: the re-emit hands the timeout to nobody who can act',
    ...reported(arrow, "this.emit('timeout');", "this.emit('end');"),
  },
  {
    name: "another event is re-emitted, not 'timeout'",
    ...reported(arrow, "this.emit('idle');", 'this._sock.end();'),
  },
  {
    name: "a function handler: its this is the socket, and re-emitting 'timeout' on it closes nothing",
    ...reported(plainFunction, "this.emit('timeout');", 'this._sock.end();'),
  },
]);

runRuleTests(RULE_NAME, rule, { valid, invalid });
