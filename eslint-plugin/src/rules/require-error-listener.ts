// An 'error' event nobody listens for is thrown: see docs/rules/require-error-listener.md.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingStatement, isFunction, isRepeatable } from '../analysis/ast.js';
import { hearsErrors } from '../analysis/errorEvents.js';
import { resolvedAfterFirstErrors } from '../analysis/lateResolves.js';
import { getSocketModel, type SocketModel } from '../analysis/model.js';
import { onceErrorListenerOutlived } from '../analysis/onceErrorListener.js';
import { onceListenerTornDown } from '../analysis/onceListenerTornDown.js';
import type { Listener, Origin } from '../analysis/origin.js';
import { type OutlivedErrorListener, outlivedErrorListeners } from '../analysis/outlivedErrorListener.js';
import { sharedWiringParameter } from '../analysis/sharedWiring.js';
import { servedAndStarted } from '../analysis/startedServers.js';
import { inSureHands } from '../analysis/sureHandOffs.js';
import { unguardedUses } from '../analysis/unguardedUses.js';
import { isPassedOnWebSocket } from '../analysis/upgradeEntries.js';
import { wiredByFile } from '../analysis/wiring.js';
import { wiredThroughWrapper } from '../analysis/wrapperWiring.js';
import { isWrapper } from '../analysis/wrappers.js';
import { createRule } from '../util/createRule.js';
import { fillTemplate, insertAfterStatement, insertAtBodyStart } from '../util/fixes.js';
import { report } from '../util/report.js';

export const RULE_NAME = 'require-error-listener';

export type MessageIds =
  | 'socketWithoutErrorListener'
  | 'datagramSocketWithoutErrorListener'
  | 'requestWithoutErrorListener'
  | 'serverWithoutErrorListener'
  | 'onlyOnceErrorListener'
  | 'errorListenerRemoved'
  | 'errorReemittedOnOnceListener'
  | 'takenOverSocketWrittenUnguarded'
  | 'addErrorListener'
  | 'addErrorListenerAfterRemoval'
  | 'keepErrorListener';

export type Options = [{ servers?: boolean; rejectOnceOnly?: boolean; trustHandOff?: boolean; errorHandler?: string }];

export default createRule<Options, MessageIds>({
  name: RULE_NAME,
  meta: {
    type: 'problem',
    docs: {
      description: "Require an 'error' listener on every socket, client request and server",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      socketWithoutErrorListener:
        "Socket has no 'error' listener: one ECONNRESET from this peer is thrown and takes down the process with every other connection.",
      datagramSocketWithoutErrorListener:
        "UDP socket has no 'error' listener: a failed bind or send (EADDRINUSE, ENETUNREACH, EMSGSIZE) is thrown and crashes the process.",
      requestWithoutErrorListener:
        "Client request has no 'error' listener: a refused, reset or timed-out connection is thrown and crashes the process.",
      serverWithoutErrorListener:
        "Server has no 'error' listener: an EADDRINUSE or accept failure is thrown and crashes the process.",
      onlyOnceErrorListener:
        "The only 'error' listener of this socket is registered with once() and leaves the socket open, while this file keeps reading it: a second error on the living socket is thrown and crashes the process.",
      errorListenerRemoved:
        "The 'error' listener of this {{what}} is removed at line {{line}} while the {{what}} stays open, and no lasting one takes its place: its next error (ECONNRESET, EPIPE) is thrown and crashes the process.",
      errorReemittedOnOnceListener:
        "The only 'error' listener of this {{what}} is registered with once(), and line {{line}} emits 'error' on the {{what}} itself, which does not destroy it: that error uses the listener up, and the next one is thrown and crashes the process.",
      takenOverSocketWrittenUnguarded:
        "Socket taken over from the server is written to on a path where no 'error' listener guards it: a client that resets or is gone (ECONNRESET, EPIPE) is thrown and crashes the process.",
      addErrorListener: "Add an 'error' listener that logs the error.",
      addErrorListenerAfterRemoval: "Add a lasting 'error' listener right after the removal.",
      keepErrorListener: "Register the 'error' listener with on(), so that it stays for every error.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          servers: { type: 'boolean', description: 'Also require an error listener on servers.' },
          rejectOnceOnly: {
            type: 'boolean',
            description: "Report a socket the file keeps reading whose only 'error' listeners are once() and leave it open.",
          },
          trustHandOff: {
            type: 'boolean',
            description: 'Trust code outside the file that receives the socket to add the listener.',
          },
          errorHandler: {
            type: 'string',
            description:
              "Body of the 'error' listener the suggestion inserts; ${target} and ${kind} are filled in. Empty: a console.error line per kind.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ servers: true, rejectOnceOnly: false, trustHandOff: true, errorHandler: '' }],
  },
  create(context, [options]) {
    const servers = options.servers !== false;
    const rejectOnceOnly = options.rejectOnceOnly === true;
    const trustHandOff = options.trustHandOff !== false;
    const errorHandler = options.errorHandler?.trim() ? options.errorHandler : undefined;
    const sourceCode = context.sourceCode;

    // one report per place: origins that share a path (a listener and the entry point it calls) share its writes
    const reported = new Set<TSESTree.Node>();

    function check(origin: Origin, { origins, index }: SocketModel): void {
      if (origin.kind === 'incoming' || origin.kind === 'response') return;
      // Node's http server listens for errors of the sockets it accepts and reports 'clientError'
      if (origin.httpOwned) return;
      if (origin.kind === 'server' && (!servers || origin.noServer)) return;
      const errorListeners = origin.listeners.filter((listener) => hearsErrors(origin, listener));
      if (origin.errorCovers.length > 0) return;
      // a listener for a computed event name may be the 'error' listener
      const dynamic = origin.listeners.some((listener) => listener.dynamic);
      // leaving the function is not handling: a socket the file wires up itself is still the file's (wiring.ts)
      // trustHandOff: false (strict) still trusts the sure hand-offs: a factory's, a transport's, a base class's,
      // and a WebSocket made by a library's handleUpgrade that the file only passes on (upgradeEntries.ts)
      const handedOver =
        origin.handOffs.length > 0 &&
        !wiredByFile(origin) &&
        !wiredThroughWrapper(getSocketModel(context), origin) &&
        !servedAndStarted(origin) &&
        // resolved in a nextTick or timer callback: the receiver listens after the errors of its creation (lateResolves.ts)
        !resolvedAfterFirstErrors(origin, index) &&
        (trustHandOff || isPassedOnWebSocket(origin) || inSureHands(origin, origins, index));
      const trusted = handedOver || dynamic;
      if (errorListeners.length === 0) {
        if (trusted) return;
        const messageId =
          origin.kind === 'server'
            ? 'serverWithoutErrorListener'
            : origin.kind === 'request'
              ? 'requestWithoutErrorListener'
              : origin.family === 'dgram'
                ? 'datagramSocketWithoutErrorListener'
                : 'socketWithoutErrorListener';
        // wired up in a function the file shares with other sockets: the listener belongs there (sharedWiring.ts)
        const wiredAt = sharedWiringParameter(index, origin);
        const at = wiredAt ? { ...origin, node: wiredAt } : origin;
        const fix = suggestion(at);
        // one fix for both places: the listener added where the socket is wired guards the origin's writes too
        reported.add(origin.node);
        reported.add(at.node);
        report(context, RULE_NAME, {
          node: at.node,
          messageId,
          suggest: fix ? [{ messageId: 'addErrorListener', fix }] : [],
        });
        return;
      }
      // class 8: the file itself leaves the socket without a lasting 'error' listener
      const outlived = outlivedErrorListeners(getSocketModel(context), origin);
      for (const each of outlived) reportOutlived(origin, each, errorListeners);
      if (outlived.length > 0) return;
      // a lone once('error') on a socket the file keeps reading: strict asks always (rejectOnceOnly), every
      // configuration when the file itself removes the socket's 'error' listeners somewhere (class 8)
      const model = getSocketModel(context);
      const onceOutlived = (): boolean =>
        rejectOnceOnly ? onceErrorListenerOutlived(model, origin) : onceListenerTornDown(model, origin) !== null;
      if (origin.kind === 'socket' && !trusted && onceOutlived()) {
        report(context, RULE_NAME, {
          node: origin.node,
          messageId: 'onlyOnceErrorListener',
          suggest: [{ messageId: 'keepErrorListener', fix: keepListeners(errorListeners) }],
        });
      }
    }

    function reportOutlived(origin: Origin, outlived: OutlivedErrorListener, errorListeners: Listener[]): void {
      const data = { what: origin.kind === 'request' ? 'client request' : 'socket', line: String(outlived.node.loc.start.line) };
      if (outlived.kind === 'reemitted') {
        report(context, RULE_NAME, {
          node: origin.node,
          messageId: 'errorReemittedOnOnceListener',
          data,
          suggest: [{ messageId: 'keepErrorListener', fix: keepListeners(errorListeners) }],
        });
        return;
      }
      const receiver = (outlived.node.callee as TSESTree.MemberExpression).object;
      const statement = enclosingStatement(outlived.node);
      const fix: TSESLint.ReportFixFunction | null =
        statement && isRepeatable(receiver)
          ? (fixer) => insertAfterStatement(sourceCode, fixer, statement, listenerLines(origin, sourceCode.getText(receiver)))
          : null;
      report(context, RULE_NAME, {
        node: origin.node,
        messageId: 'errorListenerRemoved',
        data,
        suggest: fix ? [{ messageId: 'addErrorListenerAfterRemoval', fix }] : [],
      });
    }

    /** `once('error', f)` → `on('error', f)`, `prependOnceListener` → `prependListener`, for every once() listener. */
    function keepListeners(listeners: Listener[]): TSESLint.ReportFixFunction {
      return (fixer) =>
        listeners.flatMap((listener) => {
          const callee = listener.node.type === AST_NODE_TYPES.CallExpression ? listener.node.callee : null;
          if (!listener.once || callee?.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return [];
          return [fixer.replaceText(callee.property, listener.method === 'prependOnceListener' ? 'prependListener' : 'on')];
        });
    }

    /** Class 7: a write to a taken-over socket on a path no 'error' listener guards (analysis/unguardedUses.ts). */
    function checkTakenOverPaths(origin: Origin): void {
      for (const use of unguardedUses(getSocketModel(context).index, origin)) {
        if (reported.has(use.entry)) continue;
        reported.add(use.entry);
        const fix = suggestion({ ...origin, node: use.entry });
        report(context, RULE_NAME, {
          node: use.entry,
          messageId: 'takenOverSocketWrittenUnguarded',
          suggest: fix ? [{ messageId: 'addErrorListener', fix }] : [],
        });
      }
    }

    function listenerLines(origin: Origin, target: string): string[] {
      if (errorHandler !== undefined) {
        const kind = origin.kind === 'server' || origin.kind === 'request' ? origin.kind : origin.family === 'ws' ? 'WebSocket' : 'socket';
        const body = fillTemplate(errorHandler, { target, kind });
        return [`${target}.on('error', (error) => {`, ...body.map((line) => `  ${line}`), '});'];
      }
      const body =
        origin.kind === 'server'
          ? "console.error('server error:', error);"
          : origin.kind === 'request'
            ? "console.error('request failed:', error);"
            : origin.family === 'ws'
              ? "console.error('WebSocket error:', error);"
              : origin.family === 'dgram'
                ? "console.error('UDP socket error:', error);"
                : isWrapper(origin)
                  ? // an object built around a socket (a stream) has no address of its own
                    "console.error('connection error:', error);"
                  : `console.error('socket error from', ${target}.remoteAddress, error);`;
      return [`${target}.on('error', (error) => {`, `  ${body}`, '});'];
    }

    function suggestion(origin: Origin): TSESLint.ReportFixFunction | null {
      const node = origin.node;
      const parameter = node.type === AST_NODE_TYPES.TSParameterProperty ? null : node;
      if (parameter?.type === AST_NODE_TYPES.Identifier && isFunction(parameter.parent)) {
        const fn = parameter.parent;
        if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return null;
        const lines = listenerLines(origin, parameter.name);
        return (fixer) => insertAtBodyStart(sourceCode, fixer, fn, lines);
      }
      const statement = enclosingStatement(node);
      const holder = statement ? assignedName(statement, node) : null;
      // `pair.cleartext` of the object created here (socketMembers.ts)
      const target = holder !== null && origin.member !== null ? `${holder}.${origin.member}` : holder;
      if (!statement || target === null) return null;
      const lines = listenerLines(origin, target);
      return (fixer) => insertAfterStatement(sourceCode, fixer, statement, lines);
    }

    /** The name the created object is kept under: `const s = …`, `this.s = …`. */
    function assignedName(statement: TSESTree.Statement, value: TSESTree.Node): string | null {
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        const id = statement.declarations[0]?.id;
        return id?.type === AST_NODE_TYPES.Identifier ? id.name : null;
      }
      if (
        statement.type === AST_NODE_TYPES.ExpressionStatement &&
        statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
        statement.expression.right === value &&
        isRepeatable(statement.expression.left)
      ) {
        return sourceCode.getText(statement.expression.left);
      }
      return null;
    }

    return {
      'Program:exit'() {
        const model = getSocketModel(context);
        for (const origin of model.origins) check(origin, model);
        for (const origin of model.origins) checkTakenOverPaths(origin);
      },
    };
  },
});
