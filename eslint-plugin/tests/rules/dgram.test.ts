// UDP sockets (`dgram`): one row of the socket-API table (analysis/socketApis.ts). A dgram socket has no
// connection, no 'end' and no setTimeout, but a failed bind or send emits 'error', and an 'error' nobody
// listens for is thrown like any other (node-red c016b10 and artnet 664950d in real-bugs/ crashed this way).
import requireErrorListener, { RULE_NAME as REQUIRE_ERROR_LISTENER } from '../../src/rules/require-error-listener.js';
import timeoutEndsSocket, { RULE_NAME as TIMEOUT_ENDS_SOCKET } from '../../src/rules/timeout-ends-socket.js';
import { insertLines } from '../suggestionOutput.js';
import { commonjs, js, runRuleTests, ts } from '../ruleTester.js';

const udpListener = (target: string): string[] => [
  `${target}.on('error', (error) => {`,
  "  console.error('UDP socket error:', error);",
  '});',
];

const sender = `
const dgram = require('node:dgram');
const socket = dgram.createSocket('udp4');
socket.send(Buffer.from('ping'), 41234, '127.0.0.1', () => socket.close());`;

const listener = `
import { createSocket } from 'dgram';
export function listen(port) {
  const server = createSocket({ type: 'udp4', reuseAddr: true });
  server.on('message', (message, remote) => console.log(remote.address, message.length));
  server.bind(port);
  return server;
}`;

runRuleTests(REQUIRE_ERROR_LISTENER, requireErrorListener, {
  valid: [
    ...commonjs([
      {
        name: 'a UDP socket with an error listener',
        code: `
const dgram = require('dgram');
const socket = dgram.createSocket('udp4');
socket.on('error', (error) => { console.error(error); socket.close(); });
socket.bind(41234);`,
      },
    ]),
    ...js([
      {
        name: "a dgram socket handed to the caller without any wiring is the caller's",
        code: `
import dgram from 'node:dgram';
export const open = () => dgram.createSocket('udp6');`,
      },
    ]),
    ...ts([
      {
        name: "a parameter typed as dgram's Socket with an error listener",
        code: `
import type { Socket } from 'dgram';
export function watch(socket: Socket): void {
  socket.on('error', () => socket.close());
  socket.on('message', (message) => console.log(message.length));
}`,
      },
    ]),
  ],
  invalid: [
    ...commonjs([
      {
        name: 'a UDP sender with no error listener',
        code: sender,
        errors: [
          {
            messageId: 'datagramSocketWithoutErrorListener' as const,
            line: 3,
            suggestions: [{ messageId: 'addErrorListener' as const, output: insertLines(sender, 3, udpListener('socket')) }],
          },
        ],
      },
    ]),
    ...js([
      {
        name: 'a UDP listener wired up (message) and returned: leaving the function is not handling',
        code: listener,
        errors: [
          {
            messageId: 'datagramSocketWithoutErrorListener' as const,
            line: 4,
            suggestions: [{ messageId: 'addErrorListener' as const, output: insertLines(listener, 4, udpListener('  server').map((line, i) => (i === 0 ? line : `  ${line}`))) }],
          },
        ],
      },
    ]),
  ],
});

runRuleTests(TIMEOUT_ENDS_SOCKET, timeoutEndsSocket, {
  valid: js([
    {
      name: 'a dgram socket has no setTimeout: nothing to end',
      code: `
import dgram from 'dgram';
const socket = dgram.createSocket('udp4');
socket.on('error', () => socket.close());
socket.on('message', () => {});
socket.bind(0);`,
    },
  ]),
  invalid: [],
});
