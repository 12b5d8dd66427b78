// An object that keeps a socket in a field and re-emits the socket's 'timeout' as its own
// (`sock.on('timeout', () => this.emit('timeout'))`, ssh2's Client) hands the decision to its users,
// who close it through the object's own API (`client.end()` ends `this._sock`). That is the documented
// contract of such wrappers, like `server.on('timeout')`: handled, when the object can close the socket.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { staticString, unwrap } from './ast.js';
import { type FileIndex, within } from './fileIndex.js';
import type { PlaceKey } from './keys.js';
import type { Origin } from './origin.js';

/**
 * The handler re-emits 'timeout' on the object that keeps `origin` in a field, and some code of the file
 * ends or destroys the socket through that field.
 */
export function forwardsTimeoutToOwner(index: FileIndex, origin: Origin, handler: TSESTree.Node): boolean {
  for (const emit of within(index.closeCalls, (item) => item.node, handler.range)) {
    if (emit.kind !== 'emit' || emit.node.callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const event = emit.node.arguments[0];
    if (!event || staticString(event) !== 'timeout') continue;
    const owner = index.keyOf(unwrap(emit.node.callee.object));
    if (owner !== null && closesThroughField(index, origin, owner)) return true;
  }
  return false;
}

function closesThroughField(index: FileIndex, origin: Origin, owner: PlaceKey): boolean {
  const fields = new Set<PlaceKey>();
  for (const alias of origin.aliases) {
    const node = unwrap(alias);
    if (node.type !== AST_NODE_TYPES.MemberExpression || index.keyOf(node.object) !== owner) continue;
    const key = index.keyOf(node);
    if (key !== null) fields.add(key);
  }
  if (fields.size === 0) return false;
  return index.closeCalls.some((close) => {
    if (close.kind !== 'end' && close.kind !== 'destroy') return false;
    const callee = unwrap(close.node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const receiver = index.keyOf(unwrap(callee.object));
    return receiver !== null && fields.has(receiver);
  });
}
