// Class 7 of issue 10: a socket taken over in an 'upgrade' / 'connect' listener has no 'error' listener at
// all (Node removed its own before handing it over), so it is guarded only from the moment the file adds
// one. An 'error' listener added on one path (a reject helper, a later callback, a library's handleUpgrade
// on the accepting path) does not guard a write on another path: the client that resets or is gone while
// the file writes to it (EPIPE, ECONNRESET) crashes the process. See docs/rules/require-error-listener.md.
//
// A write is guarded when an 'error' listener of the socket is added in the function that writes or in one
// around it (it runs first, or at least in the same turn), in the block of a call to a function of the file
// that adds one at once (`guard(socket)`; not through `.bind`, which runs later), or when every same-file
// call that hands the socket to the writing function is itself guarded. The path is the socket's way through
// named parameters: a socket kept on an object (`this.socket`) is that object's business and is left alone.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, type FunctionNode, isFunction, memberName, unwrap } from './ast.js';
import { forwardedArguments } from './argumentsForwarding.js';
import { callbackTargets } from './callbackParameters.js';
import type { FileIndex } from './fileIndex.js';
import { resolveCall } from './functions.js';
import type { Origin } from './origin.js';
import { DefinitionType } from './scope.js';

/** Calls that send bytes on the socket (a WebSocket's `close` sends its closing frame). */
const WRITING_METHODS: ReadonlySet<string> = new Set(['write', 'end', 'send', 'close']);

export interface UnguardedUse {
  /** The write (`socket.write(…)`), outside every 'error' listener's reach. */
  node: TSESTree.CallExpression;
  /** The parameter the socket entered the writing function through (the report goes there), or the origin. */
  entry: TSESTree.Node;
}

/** A place the socket is used at: the call, and the name the socket has there. */
interface Site {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  alias: TSESTree.Identifier;
}

/** `f.bind(self, socket)`: the function runs later (a listener, a callback), not at this call. */
function isBound(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind';
}

/** The statements a call runs before (or with): its block, or the one branch it is the whole of. */
function regionOf(call: TSESTree.Node): TSESTree.Node {
  let node = call;
  for (;;) {
    const parent = node.parent;
    if (!parent || isFunction(parent)) return node;
    switch (parent.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.SwitchCase:
        return parent;
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== node) return node;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === node) return node;
        break;
      default:
        break;
    }
    node = parent;
  }
}

/** Writes to a taken-over socket that no 'error' listener of the file guards. */
export function unguardedUses(index: FileIndex, origin: Origin): UnguardedUse[] {
  if (!origin.takenOver || origin.kind !== 'socket' || origin.errorCovers.length > 0) return [];
  if (origin.listeners.some((listener) => listener.dynamic)) return [];
  const errorListeners = origin.listeners.filter((listener) => listener.event === 'error');
  if (errorListeners.some((listener) => listener.receiver.type !== AST_NODE_TYPES.Identifier)) return [];
  const guards = new Set<FunctionNode | null>(errorListeners.map((listener) => enclosingFunction(listener.node)));

  // where the socket enters each function of the file: the calls that pass it, and the name it is passed as
  const entries = new Map<FunctionNode, Site[]>();
  const addEntry = (fn: FunctionNode, site: Site): void => {
    const list = entries.get(fn);
    if (list) list.push(site);
    else entries.set(fn, [site]);
  };
  const seenVariables = new Set<unknown>();
  for (const alias of origin.aliases) {
    if (alias.type !== AST_NODE_TYPES.Identifier) continue;
    const call = alias.parent;
    if ((call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) && call.callee !== alias) {
      const target = resolveCall(index, call);
      for (const fn of target ? [target.fn] : (callbackTargets(index, call) ?? [])) addEntry(fn, { call, alias });
    }
    const variable = index.variableOf(alias);
    const declared = variable?.defs[0]?.name;
    if (variable && declared?.type === AST_NODE_TYPES.Identifier && !seenVariables.has(variable)) {
      seenVariables.add(variable);
      for (const forwarding of forwardedArguments(index, variable)) addEntry(forwarding.fn, { call: forwarding.call, alias: declared });
    }
  }

  /** The function whose parameter the socket came in through, with that parameter; null when not by name. */
  const entryOf = (alias: TSESTree.Identifier): { fn: FunctionNode; parameter: TSESTree.Node } | null => {
    const def = index.variableOf(alias)?.defs[0];
    if (def?.type !== DefinitionType.Parameter || !isFunction(def.node)) return null;
    return { fn: def.node, parameter: def.name };
  };

  // `guard(socket)`: a function of the file that adds the listener at once guards the block of its call
  const guardedRegions: TSESTree.Node[] = [];
  for (const listener of errorListeners) {
    const entry = entryOf(listener.receiver as TSESTree.Identifier);
    if (!entry || entry.fn !== enclosingFunction(listener.node)) continue;
    for (const site of entries.get(entry.fn) ?? []) {
      if (!isBound(site.call)) guardedRegions.push(regionOf(site.call));
    }
  }

  const guardedOnEntry = new Map<FunctionNode, boolean>();
  const isGuarded = (site: Site): boolean => {
    const position = site.call.range[0];
    if (guardedRegions.some((region) => region.range[0] <= position && position < region.range[1])) return true;
    for (let fn = enclosingFunction(site.call); ; fn = enclosingFunction(fn)) {
      if (guards.has(fn)) return true;
      if (fn === null) break;
    }
    const entry = entryOf(site.alias);
    // not a parameter (a local copy, a closure the model did not follow): not this analysis' business
    if (!entry) return true;
    if (entry.fn === origin.enclosingFunction && entry.parameter === origin.node) return false;
    const known = guardedOnEntry.get(entry.fn);
    if (known !== undefined) return known;
    const callers = entries.get(entry.fn);
    // reached some other way (a constructor's field, a listener the model cannot see): say nothing
    if (!callers) return true;
    guardedOnEntry.set(entry.fn, true);
    const guarded = callers.every(isGuarded);
    guardedOnEntry.set(entry.fn, guarded);
    return guarded;
  };

  const found: UnguardedUse[] = [];
  for (const alias of origin.aliases) {
    if (alias.type !== AST_NODE_TYPES.Identifier) continue;
    const member = alias.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== alias) continue;
    const name = memberName(member);
    const call = member.parent;
    if (name === null || !WRITING_METHODS.has(name) || call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    if (isGuarded({ call, alias })) continue;
    found.push({ node: call, entry: entryOf(alias)?.parameter ?? origin.node });
  }
  return found;
}
