// Leaving the function is not handling (issue 10, class 4), through an object built around the socket. An
// 'upgrade' listener that hands its socket to `new Client(req, socket, head)` and then listens for the
// client's 'end' and keeps it in `this.clients` lives with that connection as surely as if it listened on
// the socket: the wrapper is the socket's stand-in (class 1), so the file wires the socket up, and the
// hand-off to the wrapper's constructor does not make its 'error' listener someone else's business
// (tiny-lr 303f95c in real-bugs/ crashed on ECONNRESET this way). A wrapper only built and passed on
// (emitted, returned, given to a callback) is not wired by the file and keeps the hand-off exemption; nor
// is one whose own 'error' the file listens for (`connection.on('error', …)`): that wrapper is the socket's
// error channel (it forwards the socket's errors), which its constructor, out of sight, sets up.
import { hearsErrors } from './errorEvents.js';
import type { SocketModel } from './model.js';
import type { Origin } from './origin.js';
import { wiredByFile } from './wiring.js';

const wiredSockets = new WeakMap<SocketModel, ReadonlySet<Origin>>();

/** Some object built around `origin` is wired up by the file itself (wiring.ts). */
export function wiredThroughWrapper(model: SocketModel, origin: Origin): boolean {
  let wired = wiredSockets.get(model);
  if (!wired) {
    const sockets = new Set<Origin>();
    for (const wrapper of model.wrappers) {
      if (wrapper.wraps === null || wrapper.listeners.some((listener) => hearsErrors(wrapper, listener))) continue;
      if (wiredByFile(wrapper)) sockets.add(wrapper.wraps);
    }
    wired = sockets;
    wiredSockets.set(model, wired);
  }
  return wired.has(origin);
}
