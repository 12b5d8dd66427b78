// A server the file both serves and starts is the file's server (issue 10, classes 3 and 4). wiring.ts
// counts a listener only when its code is in sight, because a socket's listener out of sight may be the
// hand-off itself (`ws.on('open', resolve)`). A server's 'request', 'upgrade' or 'connection' listener is
// different: whatever code it runs (`server.on('upgrade', proxy.upgrade)`), registering it is the file
// routing the server's traffic, and a file that also calls `server.listen(…)` itself provokes the server's
// errors (EADDRINUSE, EACCES) where it stands: passing the server, or the object that keeps it, to other
// code afterwards does not make its 'error' listener theirs (webpack-dev-server 06583f26 in real-bugs/).
// A server that is only listened on, or only given listeners, keeps the hand-off exemption; so does one
// whose serving listener is in sight and passes the server on (`evs[i].call(srv, req, res)`): as in
// wiring.ts, that listener is part of the hand-off (an in-sight listener that does not is wiring.ts's own).
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { memberName, outermostWrapper } from './ast.js';
import type { Origin } from './origin.js';

const SERVING_EVENTS: ReadonlySet<string> = new Set(['request', 'upgrade', 'connection', 'secureConnection', 'connect']);

/** The file routes the server's traffic to code out of sight and calls its `listen()`. */
export function servedAndStarted(origin: Origin): boolean {
  if (origin.kind !== 'server') return false;
  const routed = origin.listeners.some(
    (listener) => listener.handlerFunction === null && listener.event !== null && SERVING_EVENTS.has(listener.event),
  );
  if (!routed) return false;
  return origin.aliases.some((alias) => {
    const receiver = outermostWrapper(alias);
    const member = receiver.parent;
    return (
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === receiver &&
      memberName(member) === 'listen' &&
      member.parent.type === AST_NODE_TYPES.CallExpression &&
      member.parent.callee === member
    );
  });
}
