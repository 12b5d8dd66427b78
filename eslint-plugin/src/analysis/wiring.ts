// Whether the file itself lives with a socket: listens for its data, its close, the requests of its
// server, the response of its request. A socket the file wires up this way is the file's, wherever it
// goes next (returned, resolved, passed to a callback, kept on an object that is passed on): handing it
// over does not make its 'error' listener someone else's business (issue 10, classes 3 and 4).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { contains } from './ast.js';
import type { HandOff, Listener, Origin, OriginKind } from './origin.js';
import { pipedByFile } from './pipedData.js';

// 'connect' / 'listening' only tell that the socket is ready, which a builder that hands it over waits for too
const SOCKET_LIFE = ['data', 'close', 'end', 'open', 'message'];
const LIFECYCLE_EVENTS: Readonly<Record<OriginKind, ReadonlySet<string>>> = {
  socket: new Set(SOCKET_LIFE),
  server: new Set([...SOCKET_LIFE, 'connection', 'secureConnection', 'request', 'upgrade']),
  request: new Set([...SOCKET_LIFE, 'response']),
  incoming: new Set(),
  response: new Set(),
  holder: new Set(),
};

/** A listener for an event of the origin's life (its data, its close, its server's requests, its response). */
export function followsLife(origin: Origin, listener: Listener): boolean {
  return listener.event !== null && LIFECYCLE_EVENTS[origin.kind].has(listener.event);
}

/** Some listener of the file's own code follows the origin's life (and is not itself the hand-off). */
export function wiredByFile(origin: Origin): boolean {
  const events = LIFECYCLE_EVENTS[origin.kind];
  let aliases: ReadonlySet<TSESTree.Node> | null = null;
  // a socket the file pipes somewhere has a 'data' listener of the file's (pipedData.ts); but an object that
  // holds it, given away (`API.call(this)`), may listen to it through that object
  if (origin.kind === 'socket' && pipedByFile(origin)) {
    aliases = new Set(origin.aliases);
    const socketAliases = aliases;
    if (origin.handOffs.every((handOff) => passesSocket(handOff, socketAliases))) return true;
  }
  return origin.listeners.some((listener) => {
    if (listener.event === null || !events.has(listener.event)) return false;
    aliases ??= new Set(origin.aliases);
    return ownsLife(origin, listener, aliases);
  });
}

/**
 * A listener whose code is not in sight, or that itself passes the socket on (`ws.on('open', () => resolve(ws))`),
 * is part of the hand-off, not the file using the socket. Passing on an object that only holds the socket
 * (`cb(null, info)` after `info.req = req`) is not.
 */
function ownsLife(origin: Origin, listener: Listener, aliases: ReadonlySet<TSESTree.Node>): boolean {
  const handler = listener.handlerFunction;
  if (handler === null) return false;
  return !origin.handOffs.some((handOff) => contains(handler, handOff.node) && passesSocket(handOff, aliases));
}

function passesSocket(handOff: HandOff, aliases: ReadonlySet<TSESTree.Node>): boolean {
  const node = handOff.node;
  if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
    return node.arguments.some((argument) => aliases.has(argument) || argument.type === AST_NODE_TYPES.ObjectExpression);
  }
  return true;
}
