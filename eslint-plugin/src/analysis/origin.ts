// The facts the model keeps about one socket, client request, server or server-side request/response.
import type { TSESTree } from '@typescript-eslint/utils';

import type { FunctionNode } from './ast.js';
import type { Family, OriginKind } from './socketApis.js';

export type { Family, OriginKind };

export interface Listener {
  /** The event name when it is a constant (`'close'`), else null (`errorMonitor`, computed names). */
  event: string | null;
  /** The event name is computed at run time (`server.on(event, map[event])`): it may be any event. */
  dynamic: boolean;
  /** The literal holding the event name, for fixes that rename it. */
  eventNode: TSESTree.Node | null;
  method: string;
  once: boolean;
  /** The registering call (`s.on('close', fn)`), or the assignment for `ws.onclose = fn`. */
  node: TSESTree.CallExpression | TSESTree.AssignmentExpression;
  /** The receiver expression the listener was registered through. */
  receiver: TSESTree.Node;
  /** The handler argument as written. */
  handler: TSESTree.Node | null;
  /** The same-file function the handler runs, or null when it is not in the file. */
  handlerFunction: FunctionNode | null;
}

export type StoreMethod = 'add' | 'set' | 'push' | 'unshift' | 'splice' | 'index';

export interface Store {
  /** The storing call, or for `c[key] = s` the assignment. */
  node: TSESTree.CallExpression | TSESTree.AssignmentExpression;
  collection: TSESTree.Node;
  method: StoreMethod;
  /** The map key / object key when the socket (or its record) is the value. */
  key: TSESTree.Node | null;
  /** The expression that evaluates to the socket (inside the record, when stored as a record). */
  socket: TSESTree.Node;
  viaRecord: boolean;
  /** What is stored is not the socket but an entry keyed by or made of this value read from it (derivedStores.ts). */
  derivedFrom?: TSESTree.Node;
}

export type HandOffReason = 'call' | 'new' | 'return' | 'emit' | 'export' | 'assign' | 'depth' | 'yield';

export interface HandOff {
  /** Where the socket leaves the file's sight (the call, the return, the assignment). */
  node: TSESTree.Node;
  reason: HandOffReason;
}

export interface Origin {
  readonly id: number;
  readonly kind: OriginKind;
  readonly family: Family | null;
  /** Accepted by an http/https server: Node's http server listens for its errors and timeouts. */
  readonly httpOwned: boolean;
  /**
   * Taken over from an http server in an `'upgrade'` / `'connect'` listener, received by an upgrade entry
   * point of the file, or made from such a socket by a library's `handleUpgrade` (upgradeEntries.ts).
   */
  readonly takenOver: boolean;
  /** How the model found it: a tracked API call, a callback parameter, a type, or built around a socket (wrappers.ts). */
  readonly via: 'api' | 'callback' | 'type' | 'wrapper';
  /** Where reports go: the callback parameter, the creating call, the typed declaration. */
  readonly node: TSESTree.Node;
  /** The function the socket enters (collections created there die with it). */
  readonly enclosingFunction: FunctionNode | null;
  /** Expressions that evaluate to this socket (the entry included when it is an expression). */
  readonly aliases: TSESTree.Node[];
  readonly listeners: Listener[];
  /** `s.setTimeout(...)` calls. */
  readonly timeoutCalls: TSESTree.CallExpression[];
  readonly stores: Store[];
  readonly handOffs: HandOff[];
  /** `pipeline(..., cb)`, `finished(s, cb)`, awaited promise forms in `try`: they listen for `'error'`. */
  readonly errorCovers: TSESTree.Node[];
  /** Code that runs once the socket has closed: `finished(s, cb)` callbacks, code after `await finished(s)`. */
  readonly closeRegions: { node: TSESTree.Node; from: number }[];
  /** `http.request({ timeout })`, `net.connect({ timeout })`: the call that set it. */
  timeoutOption: TSESTree.CallExpression | null;
  /** `new WebSocketServer({ noServer: true })` never emits `'error'` itself. */
  noServer: boolean;
  /** The socket this object was built around (`new Session(socket)`, `createWebSocketStream(ws)`): it dies with it. */
  wraps: Origin | null;
  /** This socket is that member of the object created at `node` (`pair.cleartext`): socketMembers.ts. */
  member: string | null;
}

export function createOrigin(
  fields: Pick<Origin, 'kind' | 'family' | 'httpOwned' | 'takenOver' | 'via' | 'node' | 'enclosingFunction'>,
  id: number,
): Origin {
  // field by field, not `...fields`: every origin gets one object shape whatever its callers' literals look
  // like (copying a spread of varied shapes took microseconds per origin, and the rules read origins a lot);
  // the id comes apart for the same reason (`{ ...fields, id }` at the caller was that spread again)
  return {
    id,
    kind: fields.kind,
    family: fields.family,
    httpOwned: fields.httpOwned,
    takenOver: fields.takenOver,
    via: fields.via,
    node: fields.node,
    enclosingFunction: fields.enclosingFunction,
    aliases: [],
    listeners: [],
    timeoutCalls: [],
    stores: [],
    handOffs: [],
    errorCovers: [],
    closeRegions: [],
    timeoutOption: null,
    noServer: false,
    wraps: null,
    member: null,
  };
}
