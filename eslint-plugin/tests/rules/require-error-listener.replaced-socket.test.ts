// Issue 10, class 5: a replaced socket needs its own listener. `this.conn = tls.connect({ socket: this.conn })`
// (STARTTLS) or `sock = tls.connect(…)` in a callback makes a new object: the 'error' listener registered
// on the old one does not cover it. A use sees the writes of its own function that precede it (and the
// value the function started with only when no write of its own surely came first); uses in other functions
// see every write. A hand-built TLSSocket reports its TLS errors as '_tlsError'.
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

const startTls = `
const net = require('net');
const tls = require('tls');
function Client(options) { this.options = options; }
Client.prototype.connect = function () {
  if (this.options.secure) {
    this.socket = tls.connect(this.options.port, this.options.host);
  } else {
    this.socket = net.connect(this.options.port, this.options.host);
  }
  this.socket.on('error', this.onError.bind(this));
  this.socket.on('data', this.onData.bind(this));
};
Client.prototype.upgrade = function (callback) {
  this.socket.removeAllListeners('data');
  const options = { socket: this.socket, host: this.options.host };
  this.socket = tls.connect(options, () => {
    this.socket.on('data', this.onData.bind(this));
    callback();
  });
};
Client.prototype.onError = function (error) { this.emit('error', error); };
Client.prototype.onData = function (chunk) { this.emit('data', chunk); };
module.exports = Client;`;

const inCallback = `
const net = require('net');
const tls = require('tls');
exports.open = function (port, host, onLine) {
  let sock = net.connect(port, host);
  sock.once('error', (error) => onLine(error));
  sock.on('data', (chunk) => {
    if (String(chunk).startsWith('220 TLS')) {
      sock.removeAllListeners('data');
      sock = tls.connect({ socket: sock });
      sock.on('data', (line) => onLine(null, line));
    }
  });
};`;

const tlsErrorOnly = `
const tls = require('tls');
exports.open = function (port) {
  const socket = tls.connect(port);
  socket.on('_tlsError', () => {});
  socket.on('data', (chunk) => console.log(chunk.length));
};`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "an 'error' listener added after an if/else that assigns the socket in both branches covers both",
      code: `
const net = require('net');
const tls = require('tls');
class Client {
  connect(secure) {
    if (secure) this.socket = tls.connect(443, 'example.com');
    else this.socket = net.connect(80, 'example.com');
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('data', (chunk) => this.read(chunk));
  }
}
module.exports = Client;`,
    },
    {
      name: "the replacing socket given its own 'error' listener",
      code: `
const tls = require('tls');
class Client {
  upgrade() {
    this.socket = tls.connect({ socket: this.socket });
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('data', (chunk) => this.read(chunk));
  }
}
module.exports = Client;`,
    },
    {
      name: "a socket replaced in one method and listened to in another method that does not assign it",
      code: `
const net = require('net');
class Client {
  connect(port) {
    this.conn = net.connect(port);
    this.attach();
  }
  reconnect(port) {
    this.conn.destroy();
    this.conn = net.connect(port);
    this.attach();
  }
  attach() {
    this.conn.on('error', (error) => this.fail(error));
    this.conn.on('data', (chunk) => this.read(chunk));
  }
}
module.exports = Client;`,
    },
    {
      name: "a hand-built TLSSocket whose TLS errors are heard through '_tlsError'",
      code: `
const tls = require('tls');
exports.startTls = function (socket, onSecure) {
  const secureSocket = new tls.TLSSocket(socket, { isServer: false });
  secureSocket.on('_tlsError', (error) => onSecure(error));
  secureSocket.on('secure', () => onSecure(null));
  secureSocket.on('data', (chunk) => console.log(chunk.length));
  secureSocket._start();
};`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "STARTTLS replaces this.socket: the plain socket's 'error' listener does not cover the TLS one",
      code: startTls,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 17,
          column: 17,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(startTls, 20, socketListener('this.socket', '  ')) }],
        },
      ],
    },
    {
      name: "a variable replaced inside a callback: the listener registered before does not cover the new socket",
      code: inCallback,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 10,
          column: 14,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(inCallback, 10, socketListener('sock', '      ')) }],
        },
      ],
    },
    {
      name: "'_tlsError' does not replace 'error' on a socket from tls.connect",
      code: tlsErrorOnly,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 4,
          column: 18,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(tlsErrorOnly, 4, socketListener('socket', '  ')) }],
        },
      ],
    },
  ]),
});
