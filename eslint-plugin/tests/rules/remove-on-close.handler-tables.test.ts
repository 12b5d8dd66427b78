// Handlers kept in an object literal and registered by reference (issue 10, class 7): `this._handlers =
// { upgrade: this.handleUpgrade.bind(this) }` then `server.on('upgrade', this._handlers.upgrade)`, also through
// a variable (`var onUpgrade = this._handlers.upgrade`), so that the same function can be removed again later.
// The entry runs the bound method: the socket it is handed is the file's to let go. A place given more than
// one value is no table (another object may be there when the handler is registered).
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/remove-on-close.js';
import { commonjs, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { insertLines } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const valid: Valid[] = commonjs<Valid>([
  {
    name: "a handler table's upgrade entry that removes the socket on 'close'",
    code: `
function Server(httpServer) {
  this.sockets = new Set();
  this._handlers = { upgrade: this.onUpgrade.bind(this) };
  httpServer.on('upgrade', this._handlers.upgrade);
}
Server.prototype.onUpgrade = function (req, socket) {
  this.sockets.add(socket);
  socket.on('close', () => this.sockets.delete(socket));
};
module.exports = Server;`,
  },
  {
    name: 'a place given two values is no table: the handler registered is not known',
    code: `
function Server(httpServer, custom) {
  this.sockets = new Set();
  this._handlers = { upgrade: this.onUpgrade.bind(this) };
  if (custom) this._handlers = custom;
  httpServer.on('upgrade', this._handlers.upgrade);
}
Server.prototype.onUpgrade = function (req, socket) {
  this.sockets.add(socket);
};
module.exports = Server;`,
  },
  {
    name: "another entry of the table is registered: the upgrade method is not this 'upgrade' listener",
    code: `
function Server(httpServer) {
  this.sockets = new Set();
  this._handlers = { upgrade: this.onUpgrade.bind(this), close: this.onClose.bind(this) };
  httpServer.on('close', this._handlers.close);
}
Server.prototype.onUpgrade = function (req, socket) {
  this.sockets.add(socket);
};
Server.prototype.onClose = function () {};
module.exports = Server;`,
  },
]);

const directCode = `
function Server(httpServer) {
  this.sockets = new Set();
  this._handlers = { upgrade: this.onUpgrade.bind(this) };
  httpServer.on('upgrade', this._handlers.upgrade);
}
Server.prototype.onUpgrade = function (req, socket) {
  this.sockets.add(socket);
};
module.exports = Server;`;

const variableCode = `
function Server(config) {
  this.sockets = [];
  this._handlers = { upgrade: this.onUpgrade.bind(this) };
  var upgradeHandler = this._handlers.upgrade;
  config.httpServers.forEach(function (httpServer) {
    httpServer.on('upgrade', upgradeHandler);
  });
}
Server.prototype.onUpgrade = function (req, socket) {
  this.sockets.push(socket);
};
module.exports = Server;`;

const constTableCode = `
const sockets = new Set();
function onUpgrade(req, socket, head) {
  sockets.add(socket);
}
const handlers = { upgrade: onUpgrade };
exports.attach = function (server) {
  server.on('upgrade', handlers.upgrade);
};`;

const invalid: Invalid[] = commonjs<Invalid>([
  {
    name: "the table's entry registered directly",
    code: directCode,
    errors: [
      {
        messageId: 'noRemoval',
        line: 8,
        suggestions: [
          {
            messageId: 'removeOnClose',
            output: insertLines(directCode, 8, ["  socket.on('close', () => this.sockets.delete(socket));"]),
          },
        ],
      },
    ],
  },
  {
    name: 'the entry read into a variable first (so that unmount can remove the same function)',
    code: variableCode,
    errors: [
      {
        messageId: 'noRemoval',
        line: 11,
        suggestions: [
          {
            messageId: 'removeOnClose',
            output: insertLines(variableCode, 11, [
              "  socket.on('close', () => {",
              '    const index = this.sockets.indexOf(socket);',
              '    if (index !== -1) this.sockets.splice(index, 1);',
              '  });',
            ]),
          },
        ],
      },
    ],
  },
  {
    name: 'a const table of plain functions',
    code: constTableCode,
    errors: [
      {
        messageId: 'noRemoval',
        line: 4,
        suggestions: [
          {
            messageId: 'removeOnClose',
            output: insertLines(constTableCode, 4, ["  socket.on('close', () => sockets.delete(socket));"]),
          },
        ],
      },
    ],
  },
]);

runRuleTests(RULE_NAME, rule, { valid, invalid });
