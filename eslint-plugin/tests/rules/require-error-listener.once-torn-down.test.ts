// Issue 10, class 8 in `recommended` (analysis/onceListenerTornDown.ts): a socket whose only 'error' listeners
// are once(), that the file keeps reading and leaves open, is reported without `rejectOnceOnly` when the file
// also removes the socket's 'error' listeners by hand somewhere, even where that removal is harmless by itself
// (in the socket's own 'close' listener): tcp-base 2e73ec3 in real-bugs/ crashed this way. A lone once('error')
// with no such removal stays strict's (`rejectOnceOnly`), and removing a listener of another event is not one.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { replaceLine } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

// tcp-base 3.1.0: listeners dropped on 'close', a lone once('error') that only logs
const clearedOnClose = `
const net = require('net');
class Client {
  connect(port) {
    const socket = this.socket = net.connect(port);
    socket.on('readable', () => this.read());
    socket.once('close', () => this.handleClose());
    socket.once('error', (error) => this.log(error));
  }
  handleClose() {
    this.socket.removeAllListeners();
    this.socket = null;
  }
  read() {}
  log() {}
}
module.exports = Client;`;

// the connect-phase listener is removed once the first reply has come, and the handler only reports
const phaseOver = `
import net from 'net';
export function open(port, onReply, onFail) {
  const socket = net.connect(port);
  const fail = (error) => onFail(error);
  socket.once('error', fail);
  socket.on('data', (chunk) => {
    socket.off('error', fail);
    onReply(chunk);
    socket.destroy();
  });
}`;

function onceReport(code: string, line: number, column: number, fixedLine: number): Invalid['errors'][number] {
  const fixed = code.split('\n')[fixedLine - 1]!.replace('.once(', '.on(');
  return {
    messageId: 'onlyOnceErrorListener',
    line,
    column,
    suggestions: [{ messageId: 'keepErrorListener', output: replaceLine(code, fixedLine, [fixed]) }],
  };
}

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: 'a lone once() on a socket the file keeps reading, with no removal, is left to rejectOnceOnly',
      code: `
import net from 'net';
const socket = net.connect(80);
socket.once('error', (error) => console.error(error.message));
socket.on('data', (chunk) => console.log(chunk.length));`,
    },
    {
      name: "trap: removing a listener of another event ('close') is no removal of the 'error' one (localtunnel 9bdb40e)",
      code: `
import net from 'net';
export function tunnel(port, local) {
  const remote = net.connect(port);
  const onClose = () => local.end();
  remote.once('error', (error) => console.error(error.message));
  remote.once('close', onClose);
  local.once('error', () => remote.removeListener('close', onClose));
  remote.pipe(local).pipe(remote);
}`,
    },
    {
      name: 'a connect-phase once() with its listeners removed, on a socket the file does not keep reading',
      code: `
import net from 'net';
export function probe(port, callback) {
  const client = net.connect(port);
  client.once('error', () => callback(false));
  client.once('connect', () => {
    client.removeAllListeners();
    client.destroy();
    callback(true);
  });
}`,
    },
    {
      name: 'the once() handler destroys the socket: nothing is left open to err again',
      code: `
const net = require('net');
class Client {
  connect(port) {
    this.socket = net.connect(port);
    this.socket.on('data', (chunk) => this.read(chunk));
    this.socket.once('close', () => this.socket.removeAllListeners());
    this.socket.once('error', () => this.socket.destroy());
  }
  read() {}
}
module.exports = Client;`,
    },
    {
      name: 'a lasting listener, also dropped on close, is no once() to outlive',
      code: `
const net = require('net');
class Client {
  connect(port) {
    this.socket = net.connect(port);
    this.socket.on('data', (chunk) => this.read(chunk));
    this.socket.on('error', (error) => console.error(error.message));
    this.socket.once('close', () => this.socket.removeAllListeners());
  }
  read() {}
}
module.exports = Client;`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "tcp-base: every listener removed on 'close', a once() listener that leaves the socket open",
      code: clearedOnClose,
      errors: [onceReport(clearedOnClose, 5, 34, 8)],
    },
    {
      name: "removeListener('error', f) where a phase ends, on a socket the file keeps reading",
      code: phaseOver,
      errors: [onceReport(phaseOver, 4, 18, 6)],
    },
  ]),
});
