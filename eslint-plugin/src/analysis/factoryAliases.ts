// A socket factory kept on an object and called through it: `Agent.prototype.createConnection =
// net.createConnection` (Node's own http Agent does this), then `self.createConnection(options)` in a
// method. Each such call creates a socket, as if `net.createConnection` were called there.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { type PlaceKey, withoutPrototype } from './keys.js';
import type { ApiKind } from './modules.js';
import type { SocketApiId } from './socketApis.js';

export interface AliasedFactoryCall {
  call: TSESTree.CallExpression;
  kind: SocketApiId;
}

/** Calls of the file that run a socket factory through the member it was stored in. */
export function aliasedFactoryCalls(index: FileIndex, api: ReadonlyMap<TSESTree.Node, ApiKind>): AliasedFactoryCall[] {
  const stored = new Map<PlaceKey, SocketApiId>();
  for (const [node, kind] of api) {
    if (!kind.startsWith('read:')) continue;
    // modules.ts keeps a factory read only where it is the value of a member assignment
    const assignment = node.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    const key = index.keyOf(assignment.left);
    if (key !== null) stored.set(withoutPrototype(key), kind.slice('read:'.length) as SocketApiId);
  }
  if (stored.size === 0) return [];
  const found: AliasedFactoryCall[] = [];
  for (const call of index.calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) continue;
    const key = index.keyOf(callee);
    const kind = key === null ? undefined : stored.get(withoutPrototype(key));
    if (kind !== undefined) found.push({ call, kind });
  }
  return found;
}
