// Issue 10, class 3, in published code: a class compiled by Babel puts its methods on the prototype through
// `_createClass(Ctor, [{ key: 'name', value: function name() {…} }])`. Their `this` is an instance, so a
// socket kept on `this` in one method and listened to in another is one socket (methodDefiners.ts); the
// statics (the third argument) and other calls with descriptor-like literals are not methods.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

/** A Babel-compiled class (babel-runtime's helper, called as `(0, _createClass3.default)`). */
const compiled = (connect: string, wire: string, helper = '(0, _createClass3.default)'): string => `
var net = require('net');
var _createClass3 = require('babel-runtime/helpers/createClass');
var Client = function () {
  function Client(port) {
    this.port = port;
  }
  ${helper}(Client, [{
    key: 'connect',
    value: function connect() {
      ${connect}
      this.wire();
    }
  }, {
    key: 'wire',
    value: function wire() {
      ${wire}
    }
  }]);
  return Client;
}();
module.exports = Client;`;

const connectSocket = 'this.socket = net.connect(this.port);';
const wireWithError = "this.socket.on('error', (error) => this.emit('error', error));";
const wireData = "this.socket.on('data', (chunk) => this.emit('data', chunk));";

/** The report at `net.connect`, with the listener the suggestion adds after it. */
const reported = (code: string): Invalid['errors'][number] => ({
  messageId: 'socketWithoutErrorListener',
  line: 11,
  column: 21,
  suggestions: [
    {
      messageId: 'addErrorListener',
      output: insertLines(code, 11, [
        "      this.socket.on('error', (error) => {",
        "        console.error('socket error from', this.socket.remoteAddress, error);",
        '      });',
      ]),
    },
  ],
});

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    { name: "the 'error' listener in another compiled method", code: compiled(connectSocket, wireWithError) },
    { name: 'an inlined helper (`_createClass`)', code: compiled(connectSocket, wireWithError, '_createClass') },
    { name: "babelHelpers' namespace", code: compiled(connectSocket, wireWithError, 'babelHelpers.createClass') },
  ]),
  invalid: js<Invalid>([
    {
      name: "trap: a call of another helper with the same literal shape is no class: its functions' `this` differ",
      code: compiled(connectSocket, wireWithError, 'defineEach'),
      errors: [reported(compiled(connectSocket, wireWithError, 'defineEach'))],
    },
    {
      name: "compiled methods that wire the socket up without an 'error' listener",
      code: compiled(connectSocket, wireData),
      errors: [reported(compiled(connectSocket, wireData))],
    },
  ]),
});
