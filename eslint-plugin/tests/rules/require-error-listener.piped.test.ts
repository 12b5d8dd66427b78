// Issue 10, classes 3 and 4: `socket.pipe(parser)` registers a 'data' listener on the socket, so a file that
// pipes a socket lives with it as much as one that listens for its 'data' (wiring.ts, pipedData.ts): handing
// the socket on afterwards does not make its 'error' listener someone else's business. An object holding it
// that is given away (`API.call(this)`, a base constructor of another file) may still listen through it.
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

const pipedThenReturned = `
import net from 'node:net';
export function open(port, parser) {
  const socket = net.connect(port);
  socket.pipe(parser);
  return socket;
}`;

const pipedThenEmitted = `
import net from 'node:net';
export function open(port, parser, events) {
  const socket = net.connect(port);
  socket.setNoDelay(true).pipe(parser);
  events.emit('socket', socket);
}`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: 'a socket only returned, not piped: the caller wires it up',
      code: `
import net from 'node:net';
export function open(port) {
  const socket = net.connect(port);
  socket.setNoDelay(true);
  return socket;
}`,
    },
    {
      name: "a piped socket with its 'error' listener",
      code: `
import net from 'node:net';
export function open(port, parser) {
  const socket = net.connect(port);
  socket.on('error', (error) => parser.destroy(error));
  socket.pipe(parser);
  return socket;
}`,
    },
    {
      name: 'a socket piped by the file whose holder goes to a base constructor of another file (faye-websocket)',
      code: `
const net = require('net');
const API = require('./api');
function Client(url, options) {
  this._stream = net.connect(options.port, options.host);
  this._stream.pipe(options.parser);
  API.call(this, options);
}
module.exports = Client;`,
    },
    {
      name: 'a socket that is piped into (the destination), then returned',
      code: `
import net from 'node:net';
export function open(port, source) {
  const socket = net.connect(port);
  source.pipe(socket);
  return socket;
}`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: 'a socket piped into the file’s parser, then returned',
      code: pipedThenReturned,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 18,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(pipedThenReturned, 4, socketListener('socket', '  ')) }],
        },
      ],
    },
    {
      name: 'a socket piped through a chained call, then emitted',
      code: pipedThenEmitted,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 18,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(pipedThenEmitted, 4, socketListener('socket', '  ')) }],
        },
      ],
    },
  ]),
});
