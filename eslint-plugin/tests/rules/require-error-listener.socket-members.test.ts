// Issue 10, class 3: a socket can be a member of what an API call returns. `tls.createSecurePair()` gives an
// emitter whose `cleartext` is a TLSSocket with errors of its own: Node does not forward them to the pair,
// so the 'error' listener belongs on `pair.cleartext` (tedious bdfff8f hung, then crashed, without one).
// The table row's `members` (socketApis.ts) makes the member an origin, reported at the creating call.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const socketListener = (target: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  console.error('socket error from', ${target}.remoteAddress, error);`,
  `${indent}});`,
];

// tedious bdfff8f's shape: the pair kept on the object, its cleartext piped into the file's parser
const startTls = `
const tls = require('tls');
function MessageIO(socket, parser) {
  this.socket = socket;
  this.parser = parser;
}
MessageIO.prototype.startTls = function (context) {
  this.securePair = tls.createSecurePair(context);
  this.securePair.on('secure', () => this.emit('secure', this.securePair.cleartext));
  this.securePair.encrypted.on('data', (data) => this.socket.write(data));
};
MessageIO.prototype.encryptAll = function () {
  this.socket.pipe(this.securePair.encrypted);
  this.securePair.cleartext.pipe(this.parser);
};
module.exports = MessageIO;`;

// an 'error' listener on the pair hears nothing of the cleartext socket
const pairListener = `
import tls from 'node:tls';
export function secure(context, socket, onLine) {
  const pair = tls.createSecurePair(context);
  pair.on('error', (error) => onLine(error));
  socket.pipe(pair.encrypted).pipe(socket);
  pair.cleartext.on('data', (line) => onLine(null, line));
}`;

const destructured = `
import tls from 'node:tls';
export function secure(context, socket, onLine) {
  const { cleartext, encrypted } = tls.createSecurePair(context);
  socket.pipe(encrypted).pipe(socket);
  cleartext.on('data', (line) => onLine(null, line));
}`;

// only handed on: the receiver may listen (recommended trusts it, strict does not)
const emittedOnly = `
import tls from 'node:tls';
export function secure(emitter, context) {
  const pair = tls.createSecurePair(context);
  pair.on('secure', () => emitter.emit('secure', pair.cleartext));
}`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "tedious bdfff8f, fixed: the cleartext socket's own 'error' listener",
      code: `
const tls = require('tls');
function MessageIO(socket, parser) {
  this.socket = socket;
  this.parser = parser;
}
MessageIO.prototype.startTls = function (context) {
  this.securePair = tls.createSecurePair(context);
  this.securePair.cleartext.on('error', (error) => this.socket.destroy(error));
  this.securePair.on('secure', () => this.emit('secure', this.securePair.cleartext));
};
MessageIO.prototype.encryptAll = function () {
  this.securePair.cleartext.pipe(this.parser);
};
module.exports = MessageIO;`,
    },
    {
      name: "the destructured cleartext socket with its 'error' listener",
      code: `
import tls from 'node:tls';
export function secure(context, socket, onLine) {
  const { cleartext, encrypted } = tls.createSecurePair(context);
  cleartext.on('error', (error) => onLine(error));
  socket.pipe(encrypted).pipe(socket);
  cleartext.on('data', (line) => onLine(null, line));
}`,
    },
    {
      name: "the pair itself needs no 'error' listener: it is no socket",
      code: `
import tls from 'node:tls';
export function secure(context) {
  const pair = tls.createSecurePair(context);
  pair.cleartext.on('error', () => pair.destroy());
  pair.on('secure', () => console.log('secure'));
  return pair;
}`,
    },
    {
      name: 'a pair whose members the file never touches is the caller’s',
      code: `
import tls from 'node:tls';
export const secure = (context) => tls.createSecurePair(context);`,
    },
    { name: 'a cleartext socket only handed on: recommended trusts the receiver', code: emittedOnly },
  ]),
  invalid: js<Invalid>([
    {
      name: "tedious bdfff8f: the cleartext socket piped by the file without an 'error' listener",
      code: startTls,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 8,
          column: 21,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(startTls, 8, socketListener('this.securePair.cleartext', '  ')) }],
        },
      ],
    },
    {
      name: "trap: an 'error' listener on the pair does not hear the cleartext socket",
      code: pairListener,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 16,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(pairListener, 4, socketListener('pair.cleartext', '  ')) }],
        },
      ],
    },
    {
      name: 'the destructured cleartext socket without a listener (no suggestion: no name for the pair)',
      code: destructured,
      errors: [{ messageId: 'socketWithoutErrorListener', line: 4, column: 36, suggestions: [] }],
    },
    {
      name: 'strict: a cleartext socket only handed on',
      code: emittedOnly,
      options: [{ trustHandOff: false }],
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 16,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(emittedOnly, 4, socketListener('pair.cleartext', '  ')) }],
        },
      ],
    },
  ]),
});
