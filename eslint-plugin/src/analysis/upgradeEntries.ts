// The takeover libraries' own upgrade entry point, `handleUpgrade(req, socket, head, callback)` (ws's
// WebSocketServer; engine.io's and socket.io's servers have one too). Users call it from their 'upgrade'
// listener with the socket Node has stopped handling, so:
// - called on a library's object (`wss.handleUpgrade(req, socket, head, (ws) => …)`), the socket is handed to
//   the library, and the callback's first parameter is the WebSocket the library made from it: a socket of
//   the file from then on, like the parameter of a 'connection' listener;
// - defined in the file (`Server.prototype.handleUpgrade = function (req, socket, head) {…}`, called from the
//   file's own 'upgrade' listener), it is public: its socket parameter is a taken-over socket in its own right.
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { type FunctionNode, memberName, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { resolveCall, resolveFunction } from './functions.js';
import type { Origin } from './origin.js';
import { type ParameterOrigin, TAKEOVER } from './socketApis.js';

const UPGRADE_ENTRY = 'handleUpgrade';

/** The WebSocket a library's handleUpgrade hands its callback. */
const UPGRADED: ParameterOrigin = { position: 0, kind: 'socket', family: 'ws', httpOwned: false, takenOver: true };

export interface UpgradeEntryParameter {
  fn: FunctionNode;
  parameter: ParameterOrigin;
}

/** The parameters that `x.handleUpgrade(req, socket, head, …)` calls of the file make into sockets. */
export function upgradeEntryParameters(index: FileIndex): UpgradeEntryParameter[] {
  const found: UpgradeEntryParameter[] = [];
  for (const call of index.calls) {
    const callee = unwrap(call.callee);
    // (req, socket, head): the shape of the entry; fewer arguments is some other method of that name
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== UPGRADE_ENTRY || call.arguments.length < 3) continue;
    const entry = resolveCall(index, call);
    if (entry) {
      if (entry.parameterOffset === 0 && entry.fn.params.length >= 3) found.push(...TAKEOVER.map((parameter) => ({ fn: entry.fn, parameter })));
      continue;
    }
    const callback = call.arguments[3];
    const fn = callback && callback.type !== AST_NODE_TYPES.SpreadElement ? resolveFunction(index, callback) : null;
    if (fn) found.push({ fn, parameter: UPGRADED });
  }
  return found;
}

/** Whether the file may call an upgrade entry point (the model's cheap gate reads the text). */
export function mayCallUpgradeEntry(text: string): boolean {
  return text.includes(UPGRADE_ENTRY);
}

/**
 * The WebSocket a library's handleUpgrade made for the file's caller: when the file only passes it on
 * (`wss.emit('connection', ws, req)`, a callback) it never held it, so the hand-off is trusted in every
 * configuration; wired up or written to by the file, it is the file's like any socket.
 */
export function isPassedOnWebSocket(origin: Origin): boolean {
  return origin.takenOver && origin.family === 'ws';
}
