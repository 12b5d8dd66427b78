// `trustHandOff: false` (the strict config) reports sockets whose receivers it cannot see, but still trusts
// the sure hand-offs (analysis/sureHandOffs.ts): a socket only built and handed over as it is (a factory),
// returned by its creator or passed to the caller's callback (not resolved from a promise),
// a socket that becomes the transport of a new one (`tls.connect({ socket })`), a socket kept on an object
// that passes itself to its base class's constructor. Model precision that strict relies on too: a listener
// for a computed event may be the 'error' listener; `noServer: true` kept in a variable; a server kept on a
// parameter's object (`options.server = …`) and listened to through it.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const strict: Options = [{ servers: true, rejectOnceOnly: true, trustHandOff: false }];

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: 'a factory that only builds the socket and returns it',
      code: `
const net = require('net');
exports.createConnection = function (options) {
  return net.connect(options);
};`,
      options: strict,
    },
    {
      name: 'a factory that passes a new socket to a callback as it is',
      code: `
const { Socket } = require('net');
exports.newSocket = function (callback) {
  callback(null, new Socket());
};`,
      options: strict,
    },
    {
      name: 'a socket created, given listeners out of sight and returned by its creator',
      code: `
const tls = require('tls');
const { makeOnClose } = require('./close');
exports.wrap = function (options) {
  const wrapped = tls.connect(options);
  wrapped.on('close', makeOnClose(options.socket));
  return wrapped;
};`,
      options: strict,
    },
    {
      name: 'a socket passed to the callback the caller gave',
      code: `
const net = require('net');
exports.createConnection = function (options, cb) {
  const socket = net.connect(options);
  socket.setNoDelay(true);
  cb(null, socket);
};`,
      options: strict,
    },
    {
      name: 'a socket kept on this before the object hands itself to its base constructor',
      code: `
const tls = require('tls');
const util = require('util');
const Api = require('./api');
function Client(options) {
  this._stream = tls.connect(options);
  Api.call(this, options);
}
util.inherits(Client, Api);
module.exports = Client;`,
      options: strict,
    },
    {
      name: 'a socket that becomes the transport of a TLS socket with its own error listener',
      code: `
const net = require('net');
const tls = require('tls');
exports.open = function (port, host, callback) {
  const raw = net.connect(port, host);
  const secure = tls.connect({ socket: raw, servername: host });
  secure.on('error', callback);
  secure.on('secureConnect', () => callback(null, secure));
};`,
      options: strict,
    },
    {
      name: 'noServer: true in an options object assembled before the call',
      code: `
const WebSocket = require('ws');
module.exports = function plugin(app, opts) {
  const wssOptions = Object.assign({ noServer: true }, opts.options);
  const wss = new WebSocket.Server(wssOptions);
  app.decorate('websocketServer', wss);
};`,
      options: strict,
    },
    {
      name: "a server kept on the caller's options object and given its 'error' listener through it",
      code: `
const net = require('net');
exports.testPort = function (options, callback) {
  options.server = options.server || net.createServer();
  function onError(error) { callback(error); }
  options.server.once('error', onError);
  options.server.listen(options.port, () => callback(null, options.port));
};`,
      options: [{ servers: true, rejectOnceOnly: false, trustHandOff: false }],
    },
    {
      name: 'a listener for a computed event name may be the error listener, in strict too',
      code: `
const http = require('http');
function addListeners(server, map) {
  for (const event of Object.keys(map)) server.on(event, map[event]);
}
exports.start = function (port, onError) {
  const server = http.createServer();
  addListeners(server, { error: onError, listening: () => console.log('up') });
  server.listen(port);
};`,
      options: strict,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: 'a socket handed to an imported function is not in sure hands',
      code: `
const net = require('net');
const { register } = require('./pool');
exports.open = function (options) {
  const socket = net.connect(options);
  socket.setNoDelay(true);
  register(socket);
};`,
      options: strict,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 18,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const net = require('net');
const { register } = require('./pool');
exports.open = function (options) {
  const socket = net.connect(options);
  socket.on('error', (error) => {
    console.error('socket error from', socket.remoteAddress, error);
  });
  socket.setNoDelay(true);
  register(socket);
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'a socket kept on this and resolved from a promise: no sure hand-off',
      code: `
const net = require('net');
class Connector {
  connect(options) {
    return new Promise((resolve) => {
      this.stream = net.createConnection(options);
      resolve(this.stream);
    });
  }
}
module.exports = Connector;`,
      options: strict,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 6,
          column: 21,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: `
const net = require('net');
class Connector {
  connect(options) {
    return new Promise((resolve) => {
      this.stream = net.createConnection(options);
      this.stream.on('error', (error) => {
        console.error('socket error from', this.stream.remoteAddress, error);
      });
      resolve(this.stream);
    });
  }
}
module.exports = Connector;`,
            },
          ],
        },
      ],
    },
  ]),
});
