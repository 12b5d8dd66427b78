// Issue 10, class 8 in `recommended`: a lone once('error') that the file itself shows can be outlived. A
// once() listener hears the one error Node emits before it destroys a socket; on a socket the file keeps
// reading for its whole life (onceErrorListener.ts) a second error still comes, from code that emits on the
// socket or from a write after a reset on older Node. A file that removes the socket's 'error' listeners by
// hand (`socket.removeAllListeners()` on close, `removeListener('error', f)` when a phase ends) manages that
// socket's listeners through its whole life, and a once() among them is the one left behind: tcp-base 2e73ec3
// in real-bugs/ removed every listener on 'close' and crashed on a second error before it. The removal need
// not leave the socket open itself (that is `errorListenerRemoved`, outlivedErrorListener.ts). An emit of
// 'error' on the socket is left to outlivedErrorListener.ts, which knows when one is safe (a destroy follows).
// Without a removal, a lone once('error') stays the `rejectOnceOnly` (strict) question.
import type { TSESTree } from '@typescript-eslint/utils';

import type { SocketModel } from './model.js';
import { onceErrorListenerOutlived } from './onceErrorListener.js';
import type { Origin } from './origin.js';
import { callsOnSocket, removesErrorListener } from './outlivedErrorListener.js';

/**
 * The first call by which the file removes the socket's 'error' listeners, when the socket's only 'error'
 * listeners are once(), leave it open, and the file keeps reading it; else null.
 */
export function onceListenerTornDown(model: SocketModel, origin: Origin): TSESTree.CallExpression | null {
  if (origin.kind !== 'socket') return null;
  // the cheap test first: most sockets have a lasting listener or none
  if (!origin.listeners.some((listener) => listener.event === 'error' && listener.once)) return null;
  if (!onceErrorListenerOutlived(model, origin)) return null;
  return callsOnSocket(origin, removesErrorListener)[0] ?? null;
}
