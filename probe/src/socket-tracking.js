'use strict';

const diagnosticsChannel = require('node:diagnostics_channel');
const net = require('node:net');
const { guarded } = require('./warn-once.js');
const { publishesEveryClientSocket, hookClientConnect } = require('./client-connect-hook.js');
const { watchServerSources } = require('./server-sources.js');
const { programLocation } = require('./socket-source.js');

/** @typedef {import('node:net').Socket} Socket */
/** @typedef {import('./socket-registry.js').SocketRegistry} SocketRegistry */

/**
 * Feeds the registry from Node's diagnostics channels (and, where Node publishes nothing for
 * `socket.connect()`, from the client connect hook).
 * @param {SocketRegistry} registry
 * @param {(socket: Socket) => boolean} isOwnSocket the probe's own server sockets, never reported
 * @param {{ hookConnect?: boolean }} [choices] force the connect hook on or off (tests)
 * @returns {() => void} stops tracking
 */
function startTracking(registry, isOwnSocket, choices = {}) {
  const servers = watchServerSources();
  /**
   * @param {Socket} socket
   * @param {'accepted' | 'opened'} origin
   * @param {() => string | null} source asked only for sockets not tracked yet
   */
  const track = (socket, origin, source) =>
    guarded('track', () => {
      if (socket instanceof net.Socket && !isOwnSocket(socket) && !registry.has(socket)) {
        registry.track(socket, origin, source());
      }
    });
  /** @param {Socket} socket */
  const acceptedSource = (socket) => () => servers.sourceOf(/** @type {any} */ (socket).server);
  // Client channels publish synchronously inside the program's own connect call: its stack is there.
  const callerSource = () => programLocation(track);

  /** @param {any} message */
  const onServerSocket = (message) => track(message.socket, 'accepted', acceptedSource(message.socket));
  /** @param {any} message */
  const onClientSocket = (message) => track(message.socket, 'opened', callerSource);
  // A ClientRequest has no socket yet at start; it gets one (new or from the agent's pool) later,
  // when the program's call is no longer on the stack: its location is taken at start.
  /** @type {WeakMap<object, string | null>} */
  const requestSources = new WeakMap();
  /** @param {any} message */
  const onClientRequest = (message) =>
    guarded('track', () => {
      const request = message.request;
      const source = programLocation(onClientRequest);
      if (request.socket) track(request.socket, 'opened', () => source);
      else {
        requestSources.set(request, source);
        request.once('socket', clientRequestSocket);
      }
    });
  /** @this {object} @param {Socket} socket */
  const clientRequestSocket = function (socket) {
    const source = requestSources.get(this) ?? null;
    track(socket, 'opened', () => source);
  };
  // Sockets handed to an http server with `server.emit('connection', socket)` never pass through
  // net.Server's accept; an https server's TLSSocket wraps a socket already tracked, so skip those.
  /** @param {any} message */
  const onServerRequest = (message) =>
    guarded('track', () => {
      const socket = message.request?.socket;
      if (socket && !socket.encrypted) track(socket, 'accepted', () => servers.sourceOf(message.server ?? socket.server));
    });

  /** @type {Array<[string, (message: unknown) => void]>} */
  const subscriptions = [
    ['net.server.socket', onServerSocket],
    ['net.client.socket', onClientSocket],
    ['http.client.request.start', onClientRequest],
    ['http.server.request.start', onServerRequest],
  ];
  for (const [name, listener] of subscriptions) diagnosticsChannel.subscribe(name, listener);

  const hookConnect = choices.hookConnect ?? !publishesEveryClientSocket();
  const unhook = hookConnect ? hookClientConnect((socket) => track(socket, 'opened', callerSource)) : () => {};

  return () => {
    unhook();
    servers.stop();
    for (const [name, listener] of subscriptions) diagnosticsChannel.unsubscribe(name, listener);
  };
}

module.exports = { startTracking };
