'use strict';

const net = require('node:net');
const { programLocation } = require('./socket-source.js');

/**
 * Remembers where each server of the program started listening (one stack per server, taken when
 * `listen()` is called: http, https and tls servers all listen through net.Server.prototype.listen).
 * Node publishes no channel for a server's creation or listen() in every version the probe supports.
 * @returns {{ sourceOf: (server: unknown) => string | null, stop: () => void }}
 */
function watchServerSources() {
  /** @type {WeakMap<object, string | null>} */
  const sources = new WeakMap();
  const original = net.Server.prototype.listen;
  /**
   * @this {net.Server}
   * @param {any[]} args
   */
  const listen = function listen(...args) {
    if (!sources.has(this)) sources.set(this, programLocation(listen));
    return Reflect.apply(original, this, args);
  };
  net.Server.prototype.listen = /** @type {typeof original} */ (/** @type {unknown} */ (listen));
  return {
    sourceOf: (server) => (typeof server === 'object' && server !== null ? sources.get(server) ?? null : null),
    stop: () => {
      if (net.Server.prototype.listen === listen) net.Server.prototype.listen = original;
    },
  };
}

module.exports = { watchServerSources };
