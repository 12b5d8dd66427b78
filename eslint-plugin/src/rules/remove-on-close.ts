// A stored socket must leave its collection on 'close': see docs/rules/remove-on-close.md.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, isRepeatable, staticString, unwrap } from '../analysis/ast.js';
import { isEndingEvent } from '../analysis/endingEvents.js';
import { newCollectionKind } from '../analysis/fileIndex.js';
import { collectionKeyOf } from '../analysis/handlers.js';
import { getSocketModel, type SocketModel } from '../analysis/model.js';
import type { Listener, Origin, Store } from '../analysis/origin.js';
import { DefinitionType } from '../analysis/scope.js';
import { isSymbolKey } from '../analysis/symbolKeys.js';
import { isWrapper, withWrapped } from '../analysis/wrappers.js';
import { createRule } from '../util/createRule.js';
import { insertAfterStatement } from '../util/fixes.js';
import { report } from '../util/report.js';

export const RULE_NAME = 'remove-on-close';

export type MessageIds =
  | 'noRemoval'
  | 'removedOnlyOnEnd'
  | 'entryNoRemoval'
  | 'entryRemovedOnlyOn'
  | 'removeOnClose'
  | 'listenOnClose';
export type Options = [{ trustHandOff?: boolean }];

/** Events a net/tls socket may never emit before it is gone ('close' always comes). */

const PARTIAL_EVENTS: ReadonlySet<string> = new Set(['end', 'error', 'timeout']);

export default createRule<Options, MessageIds>({
  name: RULE_NAME,
  meta: {
    type: 'problem',
    docs: {
      description: "Require sockets stored in a collection to be removed when they emit 'close'",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      noRemoval:
        "Socket stored in '{{collection}}' is never removed on 'close': the collection keeps every dead socket and its buffers alive.",
      removedOnlyOnEnd:
        "Socket stored in '{{collection}}' is removed only on '{{event}}', which is not emitted when the socket errors or is destroyed: remove it on 'close'.",
      entryNoRemoval:
        "The entry stored in '{{collection}}' for a socket ({{entry}}) is never removed when the socket closes: the collection keeps every dead connection alive.",
      entryRemovedOnlyOn:
        "The entry stored in '{{collection}}' for a socket ({{entry}}) is removed only on '{{event}}', which is not emitted when the socket errors or is destroyed first: remove it on the socket's 'close'.",
      removeOnClose: "Remove the socket from '{{collection}}' in a 'close' listener.",
      listenOnClose: "Listen on 'close' instead of '{{event}}'.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          trustHandOff: {
            type: 'boolean',
            description: 'Trust code outside the file that receives the socket to remove it.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ trustHandOff: true }],
  },
  create(context, [options]) {
    const trustHandOff = options.trustHandOff !== false;
    const sourceCode = context.sourceCode;

    function shortText(node: TSESTree.Node): string {
      const text = sourceCode.getText(node).replace(/\s+/gu, ' ');
      return text.length > 40 ? `${text.slice(0, 37)}...` : text;
    }

    /**
     * A collection created in the function the socket enters dies with that call; one made of values read
     * from the socket (`parts.push(socket.remoteAddress)`) also when it is created where it is filled.
     */
    function isLocal(model: SocketModel, origin: Origin, store: Store): boolean {
      const node = unwrap(store.collection);
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = model.index.variableOf(node);
      const def = variable?.defs[0];
      if (!def || def.node.type !== AST_NODE_TYPES.VariableDeclarator || !newCollectionKind(def.node.init)) return false;
      const createdIn = enclosingFunction(def.node);
      return createdIn === origin.enclosingFunction || (store.derivedFrom !== undefined && createdIn !== null && createdIn === enclosingFunction(store.node));
    }

    /** `c.set(s, n + 1)` after `c.set(s, 0)`: the entry exists already, this is no new store. */
    function isUpdate(store: Store, key: string, firstStores: Map<string, Store>): boolean {
      const entry = `${key}|${sourceCode.getText(store.key ?? store.socket)}`;
      const first = firstStores.get(entry);
      if (!first) firstStores.set(entry, store);
      else if (first !== store) return true;
      const value = store.node.type === AST_NODE_TYPES.CallExpression ? store.node.arguments[1] : undefined;
      return value !== undefined && store.key === null && sourceCode.getText(value).includes(`${sourceCode.getText(store.collection)}.get(`);
    }

    function removalsOn(model: SocketModel, listeners: readonly Listener[]): Map<string, Listener> {
      const removed = new Map<string, Listener>();
      for (const listener of listeners) {
        if (!listener.handlerFunction) continue;
        for (const key of model.handlers.of(listener.handlerFunction).removes) {
          if (!removed.has(key)) removed.set(key, listener);
        }
      }
      return removed;
    }

    function removeOnCloseLines(origin: Origin, store: Store): string[] | null {
      if (store.derivedFrom || origin.via === 'wrapper') return entryRemovalLines(origin, store);
      if (!isRepeatable(store.socket) || !isRepeatable(store.collection)) return null;
      const socket = sourceCode.getText(store.socket);
      const collection = sourceCode.getText(store.collection);
      switch (store.method) {
        case 'add':
          return [`${socket}.on('close', () => ${collection}.delete(${socket}));`];
        case 'set': {
          const key = store.key === null ? socket : stableKey(store.key);
          return key === null ? null : [`${socket}.on('close', () => ${collection}.delete(${key}));`];
        }
        case 'push':
        case 'unshift':
        case 'splice': {
          // An entry that holds the socket is found again by the entry itself, when a const names it.
          const entry = store.viaRecord ? recordEntry(store) : socket;
          const target = store.viaRecord ? socketParameterAround(origin, store) : socket;
          if (entry === null || target === null) return null;
          return [
            `${target}.on('close', () => {`,
            `  const index = ${collection}.indexOf(${entry});`,
            `  if (index !== -1) ${collection}.splice(index, 1);`,
            '});',
          ];
        }
        case 'index': {
          const key = store.key ? stableKey(store.key) : null;
          return key === null ? null : [`${socket}.on('close', () => {`, `  delete ${collection}[${key}];`, '});'];
        }
        default:
          return null;
      }
    }

    /**
     * An entry that is not the socket (a wrapper, a value read from it): removed by its stable name or key,
     * on the 'close' of the socket itself (a wrapper of unknown make may not emit 'close').
     */
    function entryRemovalLines(origin: Origin, store: Store): string[] | null {
      const socket = store.derivedFrom ? (isRepeatable(store.socket) ? sourceCode.getText(store.socket) : null) : origin.wraps && socketParameterAround(origin.wraps, store);
      if (!socket || !isRepeatable(store.collection)) return null;
      const collection = sourceCode.getText(store.collection);
      const entry = store.key ? stableKey(store.key) : recordEntry(store);
      if (entry === null) return null;
      switch (store.method) {
        case 'add':
        case 'set':
          return [`${socket}.on('close', () => ${collection}.delete(${entry}));`];
        case 'index':
          return [`${socket}.on('close', () => {`, `  delete ${collection}[${entry}];`, '});'];
        case 'push':
        case 'unshift':
          return [
            `${socket}.on('close', () => {`,
            `  const index = ${collection}.indexOf(${entry});`,
            `  if (index !== -1) ${collection}.splice(index, 1);`,
            '});',
          ];
        default:
          return null;
      }
    }

    /** The socket's own parameter name (`(socket) => …`) when the store is inside that function. */
    function socketParameterAround(origin: Origin, store: Store): string | null {
      if (origin.node.type !== AST_NODE_TYPES.Identifier) return null;
      const owner = origin.node.parent;
      const isParameter = (owner.type === AST_NODE_TYPES.FunctionExpression || owner.type === AST_NODE_TYPES.ArrowFunctionExpression || owner.type === AST_NODE_TYPES.FunctionDeclaration) && owner.params.includes(origin.node);
      return isParameter && owner.range[0] <= store.node.range[0] && store.node.range[1] <= owner.range[1] ? origin.node.name : null;
    }

    /** The const that names the one entry pushed (`list.push(session)`), or null when no name finds it again. */
    function recordEntry(store: Store): string | null {
      if (store.node.type !== AST_NODE_TYPES.CallExpression || store.method === 'splice') return null;
      const [entry, ...more] = store.node.arguments;
      if (!entry || more.length > 0 || unwrap(entry).type !== AST_NODE_TYPES.Identifier) return null;
      return stableKey(entry);
    }

    /** The text of a key that still names the same entry later: a literal or a const binding. */
    function stableKey(key: TSESTree.Node): string | null {
      const node = unwrap(key);
      if (node.type === AST_NODE_TYPES.Literal) return sourceCode.getText(node);
      if (node.type !== AST_NODE_TYPES.Identifier) return null;
      const variable = getSocketModel(context).index.variableOf(node);
      const def = variable?.defs[0];
      const isConst =
        variable?.defs.length === 1 &&
        def?.type === DefinitionType.Variable &&
        def.parent.type === AST_NODE_TYPES.VariableDeclaration &&
        def.parent.kind === 'const';
      return isConst ? node.name : null;
    }

    function suggestRemoval(origin: Origin, store: Store): TSESLint.ReportSuggestionArray<MessageIds> {
      const lines = removeOnCloseLines(origin, store);
      const statement = store.node.parent;
      if (!lines || statement.type !== AST_NODE_TYPES.ExpressionStatement) return [];
      return [
        {
          messageId: 'removeOnClose',
          data: { collection: shortText(store.collection) },
          fix: (fixer) => insertAfterStatement(sourceCode, fixer, statement, lines),
        },
      ];
    }

    function suggestClose(listener: Listener): TSESLint.ReportSuggestionArray<MessageIds> {
      const eventNode = listener.eventNode;
      if (!eventNode || staticString(eventNode) === null) return [];
      const quote = sourceCode.getText(eventNode)[0] ?? "'";
      return [
        {
          messageId: 'listenOnClose',
          data: { event: listener.event ?? '' },
          fix: (fixer) => fixer.replaceText(eventNode, `${quote}close${quote}`),
        },
      ];
    }

    /** An object built around a socket, or an entry made from one: what the entry is, for the message. */
    function entryKind(origin: Origin, store: Store): string | null {
      if (store.derivedFrom) return `${store.key ? 'keyed by' : 'made from'} ${shortText(store.derivedFrom)}`;
      if (origin.node.type === AST_NODE_TYPES.ThisExpression) return "this, an object that emits 'close'";
      // a connection of unknown make ('connection' listener of an emitter out of sight) is the socket itself
      if (origin.node.type === AST_NODE_TYPES.Identifier) return null;
      return isWrapper(origin) ? `built around it: ${shortText(origin.node)}` : null;
    }

    /**
     * A listener after which the entry may go: 'close' of the origin or of the socket it wraps, and an
     * event of an object the file built around a socket whose name says it is done (its make decides when
     * that comes); an event of its business ('requestResolved') may never come (endingEvents.ts).
     */
    function isRemovalListener(owner: Origin, listener: Listener): boolean {
      return listener.event === 'close' || (owner.via === 'wrapper' && listener.event !== null && isEndingEvent(listener.event));
    }

    /** Listeners of a socket that may run before it is gone, or never ('end', 'error', 'timeout'). */
    function partialListeners(owner: Origin): Listener[] {
      if (owner.family === 'ws' || owner.via === 'wrapper') return [];
      return owner.listeners.filter((listener) => listener.event !== null && PARTIAL_EVENTS.has(listener.event));
    }

    /**
     * Code elsewhere may remove what it was given. An object built around a socket is trusted less: a
     * listener of this file's own event (`emit('connection', client)`) receives the object, not the
     * collection; but a constructor given the collection (`new Peer(socket, this.peers)`) may remove it.
     */
    function trustedElsewhere(origin: Origin, store: Store): boolean {
      if (!isWrapper(origin)) return origin.handOffs.length > 0;
      const collection = sourceCode.getText(store.collection);
      const creator = origin.node.type === AST_NODE_TYPES.NewExpression || origin.node.type === AST_NODE_TYPES.CallExpression ? origin.node : null;
      const givenCollection = creator?.arguments.some((argument) => {
        const text = sourceCode.getText(argument);
        return text === collection || collection.startsWith(`${text}.`);
      });
      return givenCollection === true || origin.handOffs.some((handOff) => handOff.reason !== 'emit');
    }

    return {
      'Program:exit'() {
        const model = getSocketModel(context);
        const firstStores = new Map<string, Store>();
        for (const origin of [...model.origins, ...model.wrappers]) {
          if (origin.kind !== 'socket' || origin.stores.length === 0) continue;
          // an object built around a socket goes with it: its own 'close' or its socket's will do
          const owners = withWrapped(origin);
          const closeListeners = owners.flatMap((owner) => owner.listeners.filter((listener) => listener.event === 'close'));
          const removalListeners = owners.flatMap((owner) => owner.listeners.filter((listener) => isRemovalListener(owner, listener)));
          const closeRemovals = new Set(removalsOn(model, removalListeners).keys());
          // a 'close' handler that runs code from elsewhere may do the removal there
          const closeHandsOff = closeListeners.some(
            (listener) => !listener.handlerFunction || model.handlers.of(listener.handlerFunction).handsOff,
          );
          for (const region of owners.flatMap((owner) => owner.closeRegions)) {
            for (const key of model.handlers.of(region.node, region.from).removes) closeRemovals.add(key);
          }
          // 'end' first, which is the likeliest mistake
          const beforeClose = owners.flatMap(partialListeners).sort((a, b) => Number(b.event === 'end') - Number(a.event === 'end'));
          const partialRemovals = removalsOn(model, beforeClose);
          for (const store of origin.stores) {
            const key = collectionKeyOf(model.index, store.collection);
            const kind = model.index.collectionKind(key);
            if (kind === 'WeakMap' || kind === 'WeakSet') continue;
            if (store.method === 'index' && store.key && isSymbolKey(model.index, store.key)) continue;
            if (isLocal(model, origin, store)) continue;
            if (isUpdate(store, key, firstStores)) continue;
            if (closeRemovals.has(key)) continue;
            const collection = shortText(store.collection);
            const entry = entryKind(origin, store);
            const partial = partialRemovals.get(key);
            if (partial) {
              report(context, RULE_NAME, {
                node: store.node,
                ...(entry === null
                  ? { messageId: 'removedOnlyOnEnd' as const, data: { collection, event: partial.event ?? 'end' } }
                  : { messageId: 'entryRemovedOnlyOn' as const, data: { collection, entry, event: partial.event ?? 'end' } }),
                suggest: partial.event === 'end' || entry === null ? suggestClose(partial) : [],
              });
              continue;
            }
            if (trustHandOff && (trustedElsewhere(origin, store) || closeHandsOff)) continue;
            report(context, RULE_NAME, {
              node: store.node,
              ...(entry === null
                ? { messageId: 'noRemoval' as const, data: { collection } }
                : { messageId: 'entryNoRemoval' as const, data: { collection, entry } }),
              suggest: suggestRemoval(origin, store),
            });
          }
        }
      },
    };
  },
});
