'use strict';

const diagnosticsChannel = require('node:diagnostics_channel');
const net = require('node:net');
const { guarded } = require('./warn-once.js');
const { publishesEveryClientSocket, hookClientConnect } = require('./client-connect-hook.js');

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
  /** @param {Socket} socket @param {'accepted' | 'opened'} origin */
  const track = (socket, origin) =>
    guarded('track', () => {
      if (socket instanceof net.Socket && !isOwnSocket(socket)) registry.track(socket, origin);
    });

  /** @param {any} message */
  const onServerSocket = (message) => track(message.socket, 'accepted');
  /** @param {any} message */
  const onClientSocket = (message) => track(message.socket, 'opened');
  // A ClientRequest has no socket yet at start; it gets one (new or from the agent's pool) later.
  /** @param {any} message */
  const onClientRequest = (message) =>
    guarded('track', () => {
      const request = message.request;
      if (request.socket) track(request.socket, 'opened');
      else request.once('socket', clientRequestSocket);
    });
  /** @param {Socket} socket */
  const clientRequestSocket = (socket) => track(socket, 'opened');
  // Sockets handed to an http server with `server.emit('connection', socket)` never pass through
  // net.Server's accept; an https server's TLSSocket wraps a socket already tracked, so skip those.
  /** @param {any} message */
  const onServerRequest = (message) =>
    guarded('track', () => {
      const socket = message.request?.socket;
      if (socket && !socket.encrypted) track(socket, 'accepted');
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
  const unhook = hookConnect ? hookClientConnect((socket) => track(socket, 'opened')) : () => {};

  return () => {
    unhook();
    for (const [name, listener] of subscriptions) diagnosticsChannel.unsubscribe(name, listener);
  };
}

module.exports = { startTracking };
