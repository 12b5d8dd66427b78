// Whether the file reads a socket's data by piping it (`socket.pipe(parser)`): `pipe` registers a 'data'
// listener on the source, so the file lives with the socket as much as through `socket.on('data', …)`,
// and handing the socket on afterwards does not make its 'error' listener someone else's (wiring.ts).
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { memberName, outermostWrapper } from './ast.js';
import type { Origin } from './origin.js';

/** Some expression of the file that evaluates to the socket is piped somewhere (`socket.pipe(dest)`). */
export function pipedByFile(origin: Origin): boolean {
  return origin.aliases.some((alias) => {
    const receiver = outermostWrapper(alias);
    const member = receiver.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver || memberName(member) !== 'pipe') return false;
    const call = member.parent;
    return call.type === AST_NODE_TYPES.CallExpression && call.callee === member;
  });
}
