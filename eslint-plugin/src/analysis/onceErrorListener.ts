// Whether a socket whose only 'error' listeners are once() is meant to outlive them (the `rejectOnceOnly`
// option). A once() listener for the connect phase (the socket is then handed on, rejected, destroyed) hears
// the one error Node emits. A socket the file keeps reading for its whole life (a lasting 'data',
// 'readable', 'end' or 'message' listener, or `socket.pipe(…)`), whose once() handler neither ends nor
// destroys it, is the one that is still in use when a second error arrives (an error some code emits on it,
// a write after a reset on older Node), and nothing listens any more.
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { memberName, outermostWrapper } from './ast.js';
import type { SocketModel } from './model.js';
import type { Origin } from './origin.js';

const READING_EVENTS: ReadonlySet<string> = new Set(['data', 'readable', 'end', 'message']);

/** `origin`'s 'error' listeners are all once(), their handlers leave it open, and the file keeps reading it. */
export function onceErrorListenerOutlived(model: SocketModel, origin: Origin): boolean {
  const errorListeners = origin.listeners.filter((listener) => listener.event === 'error');
  if (errorListeners.length === 0 || !errorListeners.every((listener) => listener.once)) return false;
  const leftOpen = errorListeners.every((listener) => {
    // a handler out of sight may end the socket
    if (!listener.handlerFunction) return false;
    const summary = model.handlers.of(listener.handlerFunction);
    return !summary.ends && !summary.destroys;
  });
  return leftOpen && keptReading(origin);
}

function keptReading(origin: Origin): boolean {
  if (origin.listeners.some((listener) => !listener.once && listener.event !== null && READING_EVENTS.has(listener.event))) {
    return true;
  }
  return origin.aliases.some((alias) => {
    const receiver = outermostWrapper(alias);
    const member = receiver.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === receiver && memberName(member) === 'pipe';
  });
}
