// Issue 10, classes 3 and 4 for servers (analysis/startedServers.ts): a server whose traffic the file routes
// (a 'request', 'upgrade' or 'connection' listener, whatever code it runs) and that the file starts itself
// (`listen()`) is the file's server, even in `recommended`, which otherwise trusts the hand-off of the server
// or of the object that keeps it (webpack-dev-server 06583f26 in real-bugs/). A server only started, or only
// given listeners and passed on, keeps the exemption.
import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/require-error-listener.js';
import { insertLines } from '../suggestionOutput.js';
import { js, runRuleTests, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

// webpack-dev-server 3.10: the server kept on this, its 'upgrade' routed to the proxies, started in listen()
const devServer = `
import http from 'http';
import killable from 'killable';
export class DevServer {
  constructor(app, proxies) {
    this.listeningApp = http.createServer(app);
    killable(this.listeningApp);
    proxies.forEach((proxy) => this.listeningApp.on('upgrade', proxy.upgrade));
  }
  listen(port, callback) {
    return this.listeningApp.listen(port, callback);
  }
}`;

runRuleTests(RULE_NAME, rule, {
  valid: js<Valid>([
    {
      name: "a server only given its 'request' listener and returned is the caller's to start",
      code: `
import http from 'http';
export function createServer(app) {
  const server = http.createServer();
  server.on('request', app);
  return server;
}`,
    },
    {
      name: 'a server only started and exposed, with no listener of the file, keeps the hand-off exemption',
      code: `
import http from 'http';
import { attach } from './engine.js';
export function listen(port) {
  const server = http.createServer();
  const engine = attach(server);
  server.listen(port);
  return engine;
}`,
    },
    {
      name: "trap: a started server whose in-sight 'request' listener passes the server on (socket.io's attachServe)",
      code: `
import http from 'http';
import { attach } from './engine.js';
export function listen(port) {
  const server = http.createServer();
  server.listen(port);
  const previous = server.listeners('request').slice(0);
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    for (const listener of previous) listener.call(server, req, res);
  });
  return attach(server);
}`,
    },
    {
      name: "a served and started server with its 'error' listener",
      code: `
import http from 'http';
export class DevServer {
  constructor(app, proxy) {
    this.server = http.createServer(app);
    this.server.on('upgrade', proxy.upgrade);
    this.server.on('error', (error) => console.error(error.message));
  }
  listen(port) {
    return this.server.listen(port);
  }
}`,
    },
  ]),
  invalid: js<Invalid>([
    {
      name: "webpack-dev-server: 'upgrade' routed to code out of sight, listen() called by the class",
      code: devServer,
      errors: [
        {
          messageId: 'serverWithoutErrorListener',
          line: 6,
          column: 25,
          suggestions: [
            {
              messageId: 'addErrorListener',
              output: insertLines(devServer, 6, [
                "    this.listeningApp.on('error', (error) => {",
                "      console.error('server error:', error);",
                '    });',
              ]),
            },
          ],
        },
      ],
    },
  ]),
});
