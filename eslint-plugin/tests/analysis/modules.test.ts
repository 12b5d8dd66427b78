import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { findApiReferences, moduleOfVariable } from '../../src/analysis/modules.js';
import { withContext } from './analyze.js';

function kinds(code: string, parser: 'espree' | 'ts' = 'espree'): string[] {
  return withContext(
    code,
    (context) => {
      const found = findApiReferences(context.sourceCode.scopeManager as TSESLint.Scope.ScopeManager);
      return [...found.entries()]
        .sort((a, b) => a[0].range[0] - b[0].range[0])
        .map(([node, kind]) => `${kind}@${code.slice(node.range[0], node.range[1]).split('(')[0] ?? ''}`);
    },
    parser,
  );
}

describe('findApiReferences', () => {
  it('tracks an undeclared require (ESLint 10 parses .js as a module without a require global)', () => {
    expect(kinds(`const net = require('net'); net.createServer(); net.connect(1);`)).toEqual([
      'net.server@net.createServer',
      'net.socket@net.connect',
    ]);
  });

  it('tracks destructuring and node: specifiers', () => {
    expect(kinds(`const { connect } = require('node:tls'); const { request } = require('https'); connect(); request('x');`)).toEqual([
      'tls.socket@connect',
      'https.request@request',
    ]);
  });

  it('tracks default, named and namespace imports', () => {
    expect(
      kinds(`import http from 'http'; import { createServer } from 'node:net'; import * as tls from 'tls';
http.get('x'); createServer(); new tls.TLSSocket();`),
    ).toEqual(['http.request@http.get', 'net.server@createServer', 'tls.socket@new tls.TLSSocket']);
  });

  it('tracks a factory stored on a member without a call, and no other read of it', () => {
    expect(kinds(`const net = require('net'); Agent.prototype.createConnection = net.createConnection; const c = net.connect;`)).toEqual([
      'read:net.socket@net.createConnection',
    ]);
  });

  it('tracks ws: the module is the WebSocket class, with the server classes as statics', () => {
    expect(
      kinds(`import WebSocket, { WebSocketServer } from 'ws'; new WebSocket('u'); new WebSocketServer({}); new WebSocket.Server({});
const W = require('ws'); new W('u'); new (require('ws'))('v');`),
    ).toEqual([
      'ws.socket@new WebSocket',
      'ws.server@new WebSocketServer',
      'ws.server@new WebSocket.Server',
      'ws.socket@new W',
      'ws.socket@new ',
    ]);
  });

  it('tracks stream and events helpers', () => {
    expect(
      kinds(`import { pipeline } from 'stream/promises'; import stream from 'node:stream'; import { once, errorMonitor } from 'events';
pipeline(); stream.finished(); stream.promises.finished(); once(); errorMonitor;`),
    ).toEqual([
      // an imported constant is reported where it is imported
      'events.errorMonitor@errorMonitor',
      'promises.pipeline@pipeline',
      'stream.finished@stream.finished',
      'promises.finished@stream.promises.finished',
      'events.once@once',
    ]);
  });

  it('ignores a local function named require and modules it does not know', () => {
    expect(kinds(`function require(name) { return name; } require('net').connect(); const x = require2('net');`)).toEqual([]);
  });

  it('works with @typescript-eslint/parser', () => {
    expect(kinds(`import net from 'net'; const s: net.Socket = net.connect(1);`, 'ts')).toEqual(['net.socket@net.connect']);
  });

  it("tracks core base constructors called on this (EventEmitter.call(this), Duplex.call(this, options))", () => {
    expect(
      kinds(`const EE = require('events'); const { Duplex } = require('stream'); EE.call(this); Duplex.call(this, {}); require('events').EventEmitter.call(this);`),
    ).toEqual(['core.superCall@EE.call', 'core.superCall@Duplex.call', 'core.superCall@require']);
  });
});

describe('moduleOfVariable', () => {
  it('names the module a binding was imported or required from', () => {
    const modules = withContext(
      `import A from 'a'; import { B } from './b.js'; const C = require('c'); const { D } = require('./d'); const E = require('e').E; const F = 1; A; B; C; D; E; F;`,
      (context) =>
        context.sourceCode.scopeManager?.globalScope?.childScopes[0]?.variables.map((variable) => `${variable.name}:${moduleOfVariable(variable) ?? '-'}`) ?? [],
    );
    expect(modules).toEqual(['A:a', 'B:./b.js', 'C:c', 'D:./d', 'E:e', 'F:-']);
  });
});
