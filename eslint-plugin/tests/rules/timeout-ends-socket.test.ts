import rule, { RULE_NAME, type MessageIds, type Options } from '../../src/rules/timeout-ends-socket.js';
import { commonjs, js, runRuleTests, ts, type InvalidTestCase, type ValidTestCase } from '../ruleTester.js';
import { replaceLine } from '../suggestionOutput.js';

type Valid = ValidTestCase<Options>;
type Invalid = InvalidTestCase<MessageIds, Options>;

const grace = (target: string, indent: string): string[] => [
  `${indent}setTimeout(() => {`,
  `${indent}  if (!${target}.destroyed) ${target}.destroy();`,
  `${indent}}, 5000).unref();`,
];

const valid: Valid[] = [
  ...js<Valid>([
    {
      name: 'timeout listener destroys (undeclared require)',
      code: `
const net = require('net');
net.createServer((socket) => {
  socket.setTimeout(30000);
  socket.on('timeout', () => socket.destroy());
});`,
    },
    {
      name: 'setTimeout with a handler that ends',
      code: `
import net from 'node:net';
net.createServer((socket) => {
  socket.setTimeout(5000, () => { socket.end('idle\\n'); });
});`,
    },
    {
      name: 'handler calls a same-file function that destroys',
      code: `
import net from 'net';
function drop(socket) { socket.destroy(); }
net.createServer((socket) => {
  socket.setTimeout(1000);
  socket.once('timeout', () => drop(socket));
});`,
    },
    {
      name: 'handler is a class method through this (bind)',
      code: `
import net from 'net';
class Conn {
  constructor(socket) {
    this.socket = socket;
    socket.setTimeout(1000, this.onTimeout.bind(this));
  }
  onTimeout() { this.close(); }
  close() { this.socket.destroy(); }
}
net.createServer((socket) => new Conn(socket));`,
    },
    {
      name: 'handler re-arms the timer (keep-alive probe)',
      code: `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(1000, () => {
    socket.write('ping\\n');
    socket.setTimeout(1000);
  });
});`,
    },
    {
      name: 'ws client terminated on timeout of its socket is fine; handler passed by name',
      code: `
import net from 'net';
function onTimeout() { this.resetAndDestroy(); }
net.createServer((socket) => { socket.setTimeout(10, onTimeout); });`,
    },
    {
      name: 'client request aborted on timeout',
      code: `
import http from 'http';
const req = http.request({ host: 'example.com', timeout: 1000 });
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => {});
req.end();`,
    },
    {
      name: 'http.get with timeout and req.setTimeout handler',
      code: `
import https from 'https';
const req = https.get('https://example.com', { timeout: 1000 });
req.setTimeout(1000, () => req.abort());`,
    },
    {
      name: 'http server timeout listener destroys the socket parameter',
      code: `
import http from 'http';
const server = http.createServer((req, res) => res.end());
server.setTimeout(5000, (socket) => socket.destroy());
server.on('timeout', function (socket) { socket.end(); });`,
    },
    {
      name: 'server-side res.setTimeout answering 408',
      code: `
import http from 'http';
http.createServer((req, res) => {
  res.setTimeout(2000, () => { res.writeHead(408).end(); });
  req.setTimeout(2000, () => res.socket.destroy());
});`,
    },
    {
      name: 'http-server-owned sockets are exempt from timeoutWithoutHandler (shutdown idiom)',
      code: `
import http from 'http';
const server = http.createServer((req, res) => {
  req.socket.setTimeout(1);
  res.end();
});
server.on('connection', (socket) => socket.setTimeout(1));`,
    },
    {
      name: 'setTimeout(0) turns the timer off: no handler needed',
      code: `
import net from 'net';
net.createServer((socket) => { socket.setTimeout(0); });`,
    },
    {
      name: 're-emitted timeout is handed off (trusted)',
      code: `
import { EventEmitter } from 'events';
import net from 'net';
class Client extends EventEmitter {
  connect() {
    this.socket = net.connect(80);
    this.socket.setTimeout(1000);
    this.socket.on('timeout', () => this.emit('timeout'));
  }
}`,
    },
    {
      name: 'socket handed to an imported function inside the handler',
      code: `
import net from 'net';
import { closeGracefully } from './close.js';
net.createServer((socket) => {
  socket.setTimeout(1000, () => closeGracefully(socket));
});`,
    },
    {
      name: 'handler defined outside the file (imported) is trusted',
      code: `
import net from 'net';
import { onTimeout } from './handlers.js';
net.createServer((socket) => { socket.on('timeout', onTimeout); });`,
    },
    {
      name: 'setTimeout(ms) with the handler registered elsewhere in the file',
      code: `
import net from 'net';
const socket = net.connect(80);
socket.on('timeout', () => socket.destroy());
function arm() { socket.setTimeout(500); }`,
    },
    {
      name: 'setTimeout(ms) on a socket handed off (trusted)',
      code: `
import net from 'net';
import { manage } from './manager.js';
net.createServer((socket) => { socket.setTimeout(500); manage(socket); });`,
    },
    {
      name: 'end then destroy after grace, with requireDestroyFallback',
      code: `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(1000, () => {
    socket.end();
    setTimeout(() => { if (!socket.destroyed) socket.destroy(); }, 5000).unref();
  });
});`,
      options: [{ requireDestroyFallback: true }],
    },
    {
      name: 'end only is fine in recommended',
      code: `
import net from 'net';
net.createServer((socket) => { socket.on('timeout', () => socket.end()); });`,
    },
    {
      name: 'record-held socket destroyed through a member chain',
      code: `
import net from 'net';
const conns = new Map();
net.createServer((socket) => {
  const conn = { id: 1, socket };
  conns.set(1, conn);
  socket.on('close', () => conns.delete(1));
  conn.socket.setTimeout(100, () => conn.socket.destroy());
});`,
    },
    {
      name: 'server response timeout: res.end is enough even with requireDestroyFallback',
      code: `
import http from 'http';
http.createServer((req, res) => { res.setTimeout(100, () => res.end()); });`,
      options: [{ requireDestroyFallback: true }],
    },
    {
      name: 'net server has no timeout event: not a handler',
      code: `
import net from 'net';
const server = net.createServer();
server.on('timeout', () => console.log('never emitted'));`,
    },
    {
      name: 'ws terminate on a ping timeout',
      code: `
import net from 'net';
net.createServer((socket) => { socket.setTimeout(100, () => { socket.destroySoon(); }); });`,
    },
    {
      name: 'timeout handler with a method of an object literal',
      code: `
import net from 'net';
const policy = { onIdle(socket) { socket.destroy(); } };
net.createServer((socket) => { socket.setTimeout(100, () => policy.onIdle(socket)); });`,
    },
    {
      name: 'unrelated setTimeout global',
      code: `
setTimeout(() => console.log('tick'), 1000);`,
    },
  ]),
  ...commonjs<Valid>([
    {
      name: 'declared require global',
      code: `
const net = require('net');
net.createServer((socket) => { socket.setTimeout(1000, () => socket.destroy()); });`,
    },
  ]),
  ...ts<Valid>([
    {
      name: 'typed parameter with a destroying handler',
      code: `
import type { Socket } from 'net';
export function watch(socket: Socket): void {
  socket.setTimeout(1000);
  socket.on('timeout', (): void => { socket.destroy(); });
}`,
    },
  ]),
  // A handler that rejects an awaited promise hands control to the catch around the await.
  ...js<Valid>([
    {
      name: "reject() of Promise.withResolvers, the catch around the await destroys (mongodb's connect)",
      code: `
import net from 'node:net';
export async function connect(options) {
  const socket = net.createConnection(options);
  socket.setTimeout(options.connectTimeoutMS);
  const { promise: connected, resolve, reject } = Promise.withResolvers();
  socket
    .once('connect', () => resolve(socket))
    .once('error', (cause) => reject(cause))
    .once('timeout', () => { reject(new Error('timed out')); });
  try {
    return await connected;
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    socket.setTimeout(0);
  }
}`,
    },
    {
      name: 'reject() of a new Promise executor, the catch around the await destroys',
      code: `
import net from 'node:net';
export async function connect(port) {
  const socket = net.connect(port);
  socket.on('error', () => {});
  socket.setTimeout(1000);
  try {
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('timeout', () => reject(new Error('timed out')));
    });
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return socket;
}`,
    },
  ]),
];

const logsOnly = `
const net = require('net');
net.createServer((socket) => {
  socket.setTimeout(30000);
  socket.on('timeout', () => {
    console.log('socket timed out');
  });
});`;

const commentedLog = `
const net = require('net');
net.createServer((socket) => {
  socket.setTimeout(30000);
  socket.on('timeout', () => {
    console.log('socket timed out'); // the peer went quiet
  });
});`;

const expressionHandler = `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(1000, () => console.log('idle'));
});`;

const rejectLogsOnly = `
import net from 'node:net';
export async function connect(options) {
  const socket = net.createConnection(options);
  socket.on('error', () => {});
  socket.setTimeout(1000);
  const { promise, reject } = Promise.withResolvers();
  socket.once('timeout', () => reject(new Error('timed out')));
  try {
    await promise;
  } catch (error) {
    console.log(error);
  }
  return socket;
}`;

const invalid: Invalid[] = [
  ...js<Invalid>([
    {
      name: 'the appended destroy goes below a comment that trails the last statement',
      code: commentedLog,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 5,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: replaceLine(commentedLog, 6, ["    console.log('socket timed out'); // the peer went quiet", '    socket.destroy();']),
            },
            {
              messageId: 'endThenDestroy',
              output: replaceLine(commentedLog, 6, [
                "    console.log('socket timed out'); // the peer went quiet",
                '    socket.end();',
                ...grace('socket', '    '),
              ]),
            },
          ],
        },
      ],
    },
    {
      name: 'handler only logs',
      code: logsOnly,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 5,
          column: 24,
          endLine: 7,
          endColumn: 4,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: replaceLine(logsOnly, 6, ["    console.log('socket timed out');", '    socket.destroy();']),
            },
            {
              messageId: 'endThenDestroy',
              output: replaceLine(logsOnly, 6, [
                "    console.log('socket timed out');",
                '    socket.end();',
                ...grace('socket', '    '),
              ]),
            },
          ],
        },
      ],
    },
    {
      name: 'expression-bodied handler becomes a block',
      code: expressionHandler,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 4,
          column: 27,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: replaceLine(expressionHandler, 4, [
                '  socket.setTimeout(1000, () => {',
                "    console.log('idle');",
                '    socket.destroy();',
                '  });',
              ]),
            },
            {
              messageId: 'endThenDestroy',
              output: replaceLine(expressionHandler, 4, [
                '  socket.setTimeout(1000, () => {',
                "    console.log('idle');",
                '    socket.end();',
                ...grace('socket', '    '),
                '  });',
              ]),
            },
          ],
        },
      ],
    },
    {
      name: 'handler passed by name is reported at the identifier, without suggestions',
      code: `
import net from 'net';
function onIdle() { console.warn('idle'); }
net.createServer((socket) => { socket.on('timeout', onIdle); });`,
      errors: [{ messageId: 'handlerNeverEnds', line: 4, column: 53, endColumn: 59, suggestions: [] }],
    },
    {
      name: 'empty handler',
      code: `
import net from 'net';
const client = net.connect(80);
client.setTimeout(1000, () => {});`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 4,
          column: 25,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import net from 'net';
const client = net.connect(80);
client.setTimeout(1000, () => {
  client.destroy();
});`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import net from 'net';
const client = net.connect(80);
client.setTimeout(1000, () => {
  client.end();
  setTimeout(() => {
    if (!client.destroyed) client.destroy();
  }, 5000).unref();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'setTimeout(ms) without any handler',
      code: `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(30000);
});`,
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          data: { subject: 'socket' },
          line: 4,
          column: 3,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              data: { subject: 'socket' },
              output: `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(30000, () => socket.destroy());
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'http.request({ timeout }) without timeout listener',
      code: `
import http from 'node:http';
const req = http.request({ host: 'example.com', timeout: 5000 });
req.on('error', () => {});
req.end();`,
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          data: { subject: 'request' },
          line: 3,
          column: 13,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              data: { subject: 'request' },
              output: `
import http from 'node:http';
const req = http.request({ host: 'example.com', timeout: 5000 });
req.on('timeout', () => req.destroy(new Error('request timed out')));
req.on('error', () => {});
req.end();`,
            },
          ],
        },
      ],
    },
    {
      name: 'http.get({ timeout }) as a statement',
      code: `
const https = require('https');
https.get({ host: 'example.com', timeout: 100 }, (res) => res.resume());`,
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          line: 3,
          column: 1,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              output: `
const https = require('https');
https.get({ host: 'example.com', timeout: 100 }, (res) => res.resume()).on('timeout', function () { this.destroy(new Error('request timed out')); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'http server timeout listener that never destroys',
      code: `
import http from 'http';
const server = http.createServer((req, res) => res.end());
server.on('timeout', (socket) => {
  console.log('timeout', socket.remoteAddress);
});`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 4,
          column: 22,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import http from 'http';
const server = http.createServer((req, res) => res.end());
server.on('timeout', (socket) => {
  console.log('timeout', socket.remoteAddress);
  socket.destroy();
});`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import http from 'http';
const server = http.createServer((req, res) => res.end());
server.on('timeout', (socket) => {
  console.log('timeout', socket.remoteAddress);
  socket.end();
  setTimeout(() => {
    if (!socket.destroyed) socket.destroy();
  }, 5000).unref();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'server.setTimeout handler without the socket parameter: no suggestion',
      code: `
import https from 'https';
const server = https.createServer({}, (req, res) => res.end());
server.setTimeout(1000, () => console.log('slow client'));`,
      errors: [{ messageId: 'handlerNeverEnds', line: 4, column: 25, suggestions: [] }],
    },
    {
      name: 'client request timeout handler that only logs',
      code: `
import http from 'http';
const req = http.get('http://example.com/');
req.on('error', () => {});
req.setTimeout(100, function () { console.log('slow'); });`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 5,
          column: 21,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import http from 'http';
const req = http.get('http://example.com/');
req.on('error', () => {});
req.setTimeout(100, function () {
  console.log('slow');
  req.destroy();
});`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import http from 'http';
const req = http.get('http://example.com/');
req.on('error', () => {});
req.setTimeout(100, function () {
  console.log('slow');
  req.end();
  setTimeout(() => {
    if (!req.destroyed) req.destroy();
  }, 5000).unref();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'socket taken over in upgrade is not exempt',
      code: `
import http from 'http';
const server = http.createServer();
server.on('upgrade', (req, socket) => {
  socket.setTimeout(5000);
});`,
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          line: 5,
          column: 3,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              output: `
import http from 'http';
const server = http.createServer();
server.on('upgrade', (req, socket) => {
  socket.setTimeout(5000, () => socket.destroy());
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'this.socket in a class method handler',
      code: `
import net from 'net';
class Client {
  open() {
    this.socket = net.connect(80);
    this.socket.on('timeout', () => { this.log('idle'); });
  }
  log(text) { console.log(text); }
}`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 6,
          column: 31,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import net from 'net';
class Client {
  open() {
    this.socket = net.connect(80);
    this.socket.on('timeout', () => {
      this.log('idle');
      this.socket.destroy();
    });
  }
  log(text) { console.log(text); }
}`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import net from 'net';
class Client {
  open() {
    this.socket = net.connect(80);
    this.socket.on('timeout', () => {
      this.log('idle');
      this.socket.end();
      setTimeout(() => {
        if (!this.socket.destroyed) this.socket.destroy();
      }, 5000).unref();
    });
  }
  log(text) { console.log(text); }
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'requireDestroyFallback: end() only',
      code: `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(1000, () => {
    socket.end();
  });
});`,
      options: [{ requireDestroyFallback: true }],
      errors: [
        {
          messageId: 'endWithoutDestroy',
          line: 4,
          column: 27,
          suggestions: [
            {
              messageId: 'destroyAfterGrace',
              output: `
import net from 'net';
net.createServer((socket) => {
  socket.setTimeout(1000, () => {
    socket.end();
    setTimeout(() => {
      if (!socket.destroyed) socket.destroy();
    }, 5000).unref();
  });
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'requireDestroyFallback: end() through a same-file helper',
      code: `
import net from 'net';
function finish(socket) { socket.end('bye'); }
net.createServer((socket) => { socket.on('timeout', () => finish(socket)); });`,
      options: [{ requireDestroyFallback: true }],
      errors: [
        {
          messageId: 'endWithoutDestroy',
          line: 4,
          column: 53,
          suggestions: [
            {
              messageId: 'destroyAfterGrace',
              output: `
import net from 'net';
function finish(socket) { socket.end('bye'); }
net.createServer((socket) => { socket.on('timeout', () => {
  finish(socket);
  setTimeout(() => {
    if (!socket.destroyed) socket.destroy();
  }, 5000).unref();
}); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'trustHandOff false: re-emitted timeout is reported',
      code: `
import net from 'net';
class Client {
  connect() {
    this.socket = net.connect(80);
    this.socket.on('timeout', () => this.emit('timeout'));
  }
  emit() {}
}`,
      options: [{ trustHandOff: false }],
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 6,
          column: 31,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import net from 'net';
class Client {
  connect() {
    this.socket = net.connect(80);
    this.socket.on('timeout', () => {
      this.emit('timeout');
      this.socket.destroy();
    });
  }
  emit() {}
}`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import net from 'net';
class Client {
  connect() {
    this.socket = net.connect(80);
    this.socket.on('timeout', () => {
      this.emit('timeout');
      this.socket.end();
      setTimeout(() => {
        if (!this.socket.destroyed) this.socket.destroy();
      }, 5000).unref();
    });
  }
  emit() {}
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'trustHandOff false: imported handler is reported at the identifier',
      code: `
import net from 'net';
import { onTimeout } from './handlers.js';
net.createServer((socket) => { socket.on('timeout', onTimeout); });`,
      options: [{ trustHandOff: false }],
      errors: [{ messageId: 'handlerNeverEnds', line: 4, column: 53, suggestions: [] }],
    },
    {
      name: 'trustHandOff false: setTimeout(ms) on a handed-off socket',
      code: `
import net from 'net';
import { manage } from './manager.js';
net.createServer((socket) => { socket.setTimeout(500); manage(socket); });`,
      options: [{ trustHandOff: false }],
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          line: 4,
          column: 32,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              output: `
import net from 'net';
import { manage } from './manager.js';
net.createServer((socket) => { socket.setTimeout(500, () => socket.destroy()); manage(socket); });`,
            },
          ],
        },
      ],
    },
    {
      name: 'setTimeout(0) in the handler does not close anything',
      code: `
import tls from 'tls';
const s = tls.connect(443, 'example.com');
s.setTimeout(100, () => { s.setTimeout(0); });`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 4,
          column: 19,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import tls from 'tls';
const s = tls.connect(443, 'example.com');
s.setTimeout(100, () => {
  s.setTimeout(0);
  s.destroy();
});`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import tls from 'tls';
const s = tls.connect(443, 'example.com');
s.setTimeout(100, () => {
  s.setTimeout(0);
  s.end();
  setTimeout(() => {
    if (!s.destroyed) s.destroy();
  }, 5000).unref();
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'server-side response timeout that only logs',
      code: `
import http from 'http';
http.createServer((req, res) => {
  res.setTimeout(100, () => console.log('slow'));
});`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 4,
          column: 23,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import http from 'http';
http.createServer((req, res) => {
  res.setTimeout(100, () => {
    console.log('slow');
    res.destroy();
  });
});`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import http from 'http';
http.createServer((req, res) => {
  res.setTimeout(100, () => {
    console.log('slow');
    res.end();
    setTimeout(() => {
      if (!res.destroyed) res.destroy();
    }, 5000).unref();
  });
});`,
            },
          ],
        },
      ],
    },
  ]),
  ...commonjs<Invalid>([
    {
      name: 'declared require, handler logs',
      code: logsOnly,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 5,
          column: 24,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: replaceLine(logsOnly, 6, ["    console.log('socket timed out');", '    socket.destroy();']),
            },
            {
              messageId: 'endThenDestroy',
              output: replaceLine(logsOnly, 6, [
                "    console.log('socket timed out');",
                '    socket.end();',
                ...grace('socket', '    '),
              ]),
            },
          ],
        },
      ],
    },
  ]),
  ...ts<Invalid>([
    {
      name: 'typed parameter: setTimeout without handler',
      code: `
import type { Socket } from 'net';
export function idle(socket: Socket): void {
  socket.setTimeout(1000);
}`,
      errors: [
        {
          messageId: 'timeoutWithoutHandler',
          line: 4,
          column: 3,
          suggestions: [
            {
              messageId: 'addTimeoutListener',
              output: `
import type { Socket } from 'net';
export function idle(socket: Socket): void {
  socket.setTimeout(1000, () => socket.destroy());
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'typed handler that only logs',
      code: `
import * as tls from 'node:tls';
export function watch(socket: tls.TLSSocket): void {
  socket.on('timeout', (): void => console.log('idle'));
}`,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 4,
          column: 24,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: `
import * as tls from 'node:tls';
export function watch(socket: tls.TLSSocket): void {
  socket.on('timeout', (): void => {
    console.log('idle');
    socket.destroy();
  });
}`,
            },
            {
              messageId: 'endThenDestroy',
              output: `
import * as tls from 'node:tls';
export function watch(socket: tls.TLSSocket): void {
  socket.on('timeout', (): void => {
    console.log('idle');
    socket.end();
    setTimeout(() => {
      if (!socket.destroyed) socket.destroy();
    }, 5000).unref();
  });
}`,
            },
          ],
        },
      ],
    },
  ]),
  ...js<Invalid>([
    {
      name: 'reject() of an awaited promise whose catch only logs',
      code: rejectLogsOnly,
      errors: [
        {
          messageId: 'handlerNeverEnds',
          line: 8,
          column: 26,
          suggestions: [
            {
              messageId: 'destroySocket',
              output: replaceLine(rejectLogsOnly, 8, [
                "  socket.once('timeout', () => {",
                "    reject(new Error('timed out'));",
                '    socket.destroy();',
                '  });',
              ]),
            },
            {
              messageId: 'endThenDestroy',
              output: replaceLine(rejectLogsOnly, 8, [
                "  socket.once('timeout', () => {",
                "    reject(new Error('timed out'));",
                '    socket.end();',
                ...grace('socket', '    '),
                '  });',
              ]),
            },
          ],
        },
      ],
    },
  ]),
];

runRuleTests(RULE_NAME, rule, { valid, invalid });
