// Issue 10, class 3: a socket kept on `this` or on a module object belongs to the class (or prototype, or
// module) that keeps it. Its listeners are matched by object and property across the functions of the
// class, including callbacks that run with the class's `this` (`list.forEach(function () {}, this)`), and
// a listener for an event chosen among constants (`secure ? 'secureConnect' : 'connect'`) is no 'error' listener.
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
const serverListener = (target: string, indent: string): string[] => [
  `${indent}${target}.on('error', (error) => {`,
  `${indent}  console.error('server error:', error);`,
  `${indent}});`,
];

const chosenEvent = `
const net = require('net');
const tls = require('tls');
function Client(options) {
  this.secure = options.secure;
}
Client.prototype.connect = function (port, host) {
  this.impl = this.secure ? tls.connect(port, host) : net.connect(port, host);
  this.wire();
};
Client.prototype.wire = function () {
  const ready = this.secure ? 'secureConnect' : 'connect';
  this.impl.on(ready, () => this.emit('ready'));
  this.impl.on('data', (chunk) => this.emit('line', String(chunk)));
};
module.exports = Client;`;

const thisArgument = `
const http = require('http');
class DevServer {
  constructor(options) {
    this.options = options;
    this.handlers = options.handlers;
    this.listeningApp = http.createServer();
    this.handlers.forEach(function (handler) {
      this.listeningApp.on('request', (req, res) => handler(req, res));
    }, this);
    this.options.onReady(this);
  }
}
module.exports = DevServer;`;

// ES5: an instance made with Object.create(Ctor.prototype), methods in `Ctor.prototype = { … }`
const prototypeObject = (errorListener: string): string => `
const net = require('net');
const Client = module.exports = function Client() {
  const client = Object.create(Client.prototype);
  client.conn = new net.Socket();
  client.wire = function () {
    client.conn.on('data', (chunk) => client.read(chunk));${errorListener}
  };
  return client;
};
Client.prototype = {
  reconnect: function (port) {
    this.conn = net.connect(port);
    this.wire();
  },
  read: function (chunk) { console.log(chunk.length); },
};`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "an event computed from a choice that may be 'error' may be the 'error' listener",
      code: `
const net = require('net');
function Client() {}
Client.prototype.connect = function (port, quiet) {
  this.conn = net.connect(port);
  this.conn.on(quiet ? 'close' : 'error', (error) => this.emit('gone', error));
  this.conn.on('data', (chunk) => this.emit('chunk', chunk));
};
module.exports = Client;`,
    },
    {
      name: "the 'error' listener is added in a forEach callback that runs with the class's this",
      code: `
const http = require('http');
class DevServer {
  constructor(options) {
    this.listeningApp = http.createServer();
    ['error', 'clientError'].forEach(function (event) {
      this.listeningApp.on(event, (error) => this.fail(error));
    }, this);
    this.listeningApp.on('request', (req, res) => res.end());
  }
  fail(error) { console.error(error); }
}
module.exports = DevServer;`,
    },
    {
      name: "a property assigned in one method and given its 'error' listener in another is handled",
      code: `
const net = require('net');
class Client {
  connect(port) {
    this.conn = net.createConnection(port);
    this.conn.on('connect', () => this.send('hello'));
    this.conn.on('data', (chunk) => this.read(chunk));
  }
  watch() {
    this.conn.on('error', (error) => this.fail(error));
  }
}
module.exports = Client;`,
    },
    {
      name: "Ctor.prototype = { … } methods and an Object.create(Ctor.prototype) instance share this.conn: the 'error' listener counts",
      code: prototypeObject("\n    client.conn.on('error', (error) => client.read(error));"),
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "Ctor.prototype = { … } methods and an Object.create(Ctor.prototype) instance share this.conn: no 'error' listener",
      code: prototypeObject(''),
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 5,
          column: 17,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(prototypeObject(''), 5, socketListener('client.conn', '  ')) }],
        },
        {
          messageId: 'socketWithoutErrorListener',
          line: 13,
          column: 17,
          suggestions: [{ messageId: 'addErrorListener', output: insertLines(prototypeObject(''), 13, socketListener('this.conn', '    ')) }],
        },
      ],
    },
    {
      name: "listeners for an event chosen among constants and for 'data', none for 'error'",
      code: chosenEvent,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 8,
          column: 29,
          // a socket chosen by a conditional has no statement of its own to add the listener after
          suggestions: [],
        },
        {
          messageId: 'socketWithoutErrorListener',
          line: 8,
          column: 55,
          suggestions: [],
        },
      ],
    },
    {
      name: "a server wired in a forEach callback that runs with the class's this, this handed on: no 'error' listener",
      code: thisArgument,
      errors: [
        {
          messageId: 'serverWithoutErrorListener',
          line: 7,
          column: 25,
          suggestions: [
            { messageId: 'addErrorListener', output: insertLines(thisArgument, 7, serverListener('this.listeningApp', '    ')) },
          ],
        },
      ],
    },
  ]),
});
