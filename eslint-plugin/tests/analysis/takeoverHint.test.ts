import { describe, expect, it } from 'vitest';

import { mayRegisterTakeoverListener } from '../../src/analysis/takeoverHint.js';
import { analyze, withContext } from './analyze.js';

const hint = (code: string, parser: 'espree' | 'ts' = 'espree'): boolean =>
  withContext(code, (context) => mayRegisterTakeoverListener(context.sourceCode), parser);

describe('takeover hint: may the file register an upgrade / connect listener', () => {
  it.each([
    [`app.on('upgrade', (req, socket, head) => {});`],
    [`app.once("connect", onConnect);`],
    ['app.prependListener(`upgrade`, onUpgrade);'],
    [`app['on']('upgrade', onUpgrade);`],
    [`app?.on('connect', onConnect);`],
    // an escape the file's text does not show as 'upgrade'
    [`app.on('\\x75pgrade', onUpgrade); emit('connect');`],
  ])('yes: %s', (code) => {
    expect(hint(code)).toBe(true);
  });

  it('yes: a TypeScript listener with a type argument', () => {
    expect(hint(`app.on<Foo>('upgrade', onUpgrade as Handler);`, 'ts')).toBe(true);
  });

  it.each([
    [`this.emit('connect');`],
    [`this.emit('connect', client);`],
    [`app.on('connect');`],
    [`const events = ['upgrade', 'connect'];`],
    [`app.on(event, 'connect');`],
    [`doSomething('upgrade', handler);`],
    ['log(`connect ${host}`, x);'],
  ])('no: %s', (code) => {
    expect(hint(code)).toBe(false);
  });

  it('a file that only emits the events has no origins, one that listens keeps its taken-over socket', () => {
    expect(analyze(`this.emit('connect'); const events = ['upgrade'];`).origins).toEqual([]);
    const model = analyze(`this.emit('connect'); app.on('upgrade', (req, socket, head) => { socket.end(); });`);
    expect(model.origins.map((origin) => `${origin.kind}:${origin.takenOver}:${model.text(origin.node)}`)).toEqual([
      'socket:true:socket',
    ]);
  });

  it('a CommonJS file that only names net/tls/ws has no annotation to read, but its takeover listeners still count', () => {
    expect(analyze(`const net = require('net'); module.exports = (host) => net.isIP(host);`).origins).toEqual([]);
    expect(analyze(`// import helpers\nconst net = require('net'); const load = () => require('./import'); net.isIP(x);`).origins).toEqual([]);
    const typed = analyze(`import { Socket } from 'net';\nexport function track(s: Socket) { s.on('error', () => {}); }`, 'ts');
    expect(typed.origins.map((origin) => `${origin.via}:${typed.text(origin.node)}`)).toEqual(['type:s: Socket']);
    const model = analyze(`const net = require('net'); app.on('\\x75pgrade', (req, socket, head) => net.isIP(req.host));`);
    expect(model.origins.map((origin) => `${origin.kind}:${origin.takenOver}:${model.text(origin.node)}`)).toEqual([
      'socket:true:socket',
    ]);
  });
});
