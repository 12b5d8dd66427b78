'use strict';

const net = require('node:net');

// Node 20 publishes `net.client.socket` only from `net.connect()` / `net.createConnection()`.
// `new net.Socket().connect()` and `tls.connect()` both go through `net.Socket.prototype.connect`
// and publish nothing; Node 22.17 moved the publication into that very method (nodejs/node#58349).
// So on older Nodes the probe wraps that one public method, at the place newer Nodes publish from.
// Why not async_hooks: its TCPWRAP/TLSWRAP `init` reports the native handle, and the only way from a
// handle to its net.Socket is Node's internal `owner_symbol`; it also turns on promise hooks for the
// whole program. See probe/README.md, "How client sockets are found".

/**
 * Whether this Node publishes `net.client.socket` for every client socket, so no hook is needed.
 * Verified for 22.17.0 (its changelog lists nodejs/node#58349); 24.x lines are hooked anyway,
 * which costs nothing but a function call, since tracking the same socket twice is a no-op.
 * @param {string} [version]
 */
function publishesEveryClientSocket(version = process.versions.node) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return (major === 22 && minor >= 17) || major >= 25;
}

/**
 * Calls `onConnect(socket)` after every `socket.connect(...)` call that did not throw.
 * @param {(socket: import('node:net').Socket) => void} onConnect must not throw (the caller guards it)
 * @returns {() => void} removes the hook (only if nobody wrapped the method after us)
 */
function hookClientConnect(onConnect) {
  const original = net.Socket.prototype.connect;
  const connect = /** @type {typeof original} */ (
    /** @this {import('node:net').Socket} @param {any[]} args */
    function connect(...args) {
      const result = Reflect.apply(original, this, args);
      onConnect(this);
      return result;
    }
  );
  net.Socket.prototype.connect = connect;
  return () => {
    if (net.Socket.prototype.connect === connect) net.Socket.prototype.connect = original;
  };
}

module.exports = { publishesEveryClientSocket, hookClientConnect };
