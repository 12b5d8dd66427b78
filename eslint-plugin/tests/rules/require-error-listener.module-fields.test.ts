// A socket module kept in a property (analysis/moduleFields.ts): `this.proto = secure ? https : http` in a
// constructor, `this.proto.request(…)` in a method, is a request like `https.request(…)`. A property that
// may hold something other than a module the file required (`options.transport || http`) stays unknown.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const chosenInConstructor = `
const http = require('http');
const https = require('https');
function Client(options) {
  this.proto = options.secure ? https : http;
}
Client.prototype.get = function (path, cb) {
  const req = this.proto.get({ host: 'api.example.com', path }, (res) => cb(null, res));
  req.end();
};
module.exports = Client;`;

const classField = `
import * as net from 'node:net';
export class Pool {
  constructor() {
    this.net = net;
  }
  open(port) {
    const socket = this.net.connect(port, '127.0.0.1');
    socket.on('data', (chunk) => console.log(chunk.length));
    return socket;
  }
}`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "a request made through a module kept in a property, with its 'error' listener",
      code: `
const http = require('http');
const https = require('https');
function Client(options) {
  this.proto = options.secure ? https : http;
}
Client.prototype.get = function (path, cb) {
  const req = this.proto.get({ path }, (res) => cb(null, res));
  req.on('error', cb);
};
module.exports = Client;`,
    },
    {
      name: "a property that may hold the caller's transport: what it creates is unknown",
      code: `
const http = require('http');
function Client(options) {
  this.transport = options.transport || http;
}
Client.prototype.get = function (path, cb) {
  this.transport.get({ path }, (res) => cb(null, res));
};
module.exports = Client;`,
    },
    {
      name: 'a module kept in a property and a member of it that creates nothing',
      code: `
const https = require('https');
function Client() {
  this.proto = https;
}
Client.prototype.agent = function () {
  return new this.proto.Agent({ keepAlive: true });
};
module.exports = Client;`,
    },
    {
      name: 'a property assigned a module in one class and read in another class of the file',
      code: `
const net = require('net');
class A {
  constructor() { this.net = net; }
}
class B {
  open(port) { return this.net.connect(port); }
}
module.exports = { A, B };`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "a request made through a choice of modules kept in a property, no 'error' listener",
      code: chosenInConstructor,
      errors: [
        {
          messageId: 'requestWithoutErrorListener',
          line: 8,
          column: 15,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(chosenInConstructor, 8, ["  req.on('error', (error) => {", "    console.error('request failed:', error);", '  });']),
            },
          ],
        },
      ],
    },
    {
      name: "a namespace import kept in a class field and a socket wired with 'data' through it",
      code: classField,
      errors: [
        {
          messageId: 'socketWithoutErrorListener',
          line: 8,
          column: 20,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(classField, 8, [
                "    socket.on('error', (error) => {",
                "      console.error('socket error from', socket.remoteAddress, error);",
                '    });',
              ]),
            },
          ],
        },
      ],
    },
  ]),
});
