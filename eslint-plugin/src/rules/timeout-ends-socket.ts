// 'timeout' only notifies, Node does not close the socket: see docs/rules/timeout-ends-socket.md.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { contains, enclosingStatement, type FunctionNode, isRepeatable, usesThis } from '../analysis/ast.js';
import { resolveCalledFunction } from '../analysis/functions.js';
import { getSocketModel, type SocketModel } from '../analysis/model.js';
import type { Origin } from '../analysis/origin.js';
import { forwardsTimeoutToOwner } from '../analysis/ownerTimeouts.js';
import { receivedCallbackOf } from '../analysis/receivedCallbacks.js';
import { effectWithoutRetries } from '../analysis/retries.js';
import { selfEmitEffect } from '../analysis/selfEmits.js';
import { wrappedFunction } from '../analysis/wrappedHandlers.js';
import { createRule } from '../util/createRule.js';
import { appendToBody } from '../util/fixes.js';
import { report } from '../util/report.js';

export const RULE_NAME = 'timeout-ends-socket';

export type MessageIds =
  | 'handlerNeverEnds'
  | 'timeoutWithoutHandler'
  | 'endWithoutDestroy'
  | 'destroySocket'
  | 'endThenDestroy'
  | 'destroyAfterGrace'
  | 'addTimeoutListener';

export type Options = [{ requireDestroyFallback?: boolean; trustHandOff?: boolean }];

/** How long the suggested fallback waits for the peer's FIN before destroying. */
const GRACE_MS = 5000;

interface TimeoutHandler {
  /** The handler argument as written. */
  argument: TSESTree.Node;
  fn: FunctionNode | null;
  /** What the handler should close (`socket`, `req`, `this.socket`), when it can be named inside it. */
  target: string | null;
}

export default createRule<Options, MessageIds>({
  name: RULE_NAME,
  meta: {
    type: 'problem',
    docs: {
      description: "Require 'timeout' handlers to end or destroy the socket, and timeouts to have a handler",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      handlerNeverEnds:
        "This 'timeout' handler never ends or destroys the socket: Node only notifies, so the idle connection stays open and keeps its file descriptor.",
      timeoutWithoutHandler:
        "This {{subject}} sets a timeout but nothing listens for 'timeout': Node does not close it when the timer fires, so the timeout has no effect.",
      endWithoutDestroy:
        "This 'timeout' handler only calls end(): a dead peer never answers the FIN, so also destroy the socket after a grace period.",
      destroySocket: 'Destroy the socket at the end of the handler.',
      endThenDestroy: 'End the socket, then destroy it if it is still open after a grace period.',
      destroyAfterGrace: 'Destroy the socket if it is still open after a grace period.',
      addTimeoutListener: "Add a 'timeout' listener that destroys the {{subject}}.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          requireDestroyFallback: {
            type: 'boolean',
            description: 'Report handlers that only end() the socket without destroying it after a grace period.',
          },
          trustHandOff: {
            type: 'boolean',
            description: 'Trust code outside the file that receives the socket (or the re-emitted event) to close it.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ requireDestroyFallback: false, trustHandOff: true }],
  },
  create(context, [options]) {
    const requireDestroyFallback = options.requireDestroyFallback === true;
    const trustHandOff = options.trustHandOff !== false;
    const sourceCode = context.sourceCode;
    // two origins can reach the same request (`https.request` and `http.request` returned by one helper)
    const reported = new Set<TSESTree.Node>();

    function reportOnce(descriptor: Parameters<typeof context.report>[0] & { node: TSESTree.Node }): void {
      if (reported.has(descriptor.node)) return;
      reported.add(descriptor.node);
      report(context, RULE_NAME, descriptor);
    }

    /** Only http servers emit 'timeout' (with the socket as argument); net servers do not. */
    function hasTimeoutEvent(origin: Origin): boolean {
      if (origin.kind === 'server') return origin.family === 'http' || origin.family === 'https';
      // WebSockets and UDP sockets have no setTimeout and no 'timeout' event
      return origin.family !== 'ws' && origin.family !== 'dgram';
    }

    function nameInside(receiver: TSESTree.Node, fn: FunctionNode | null): string | null {
      if (!isRepeatable(receiver)) return null;
      // inside `function () {}` a `this.socket` receiver would name something else
      if (usesThis(receiver) && fn && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) return null;
      return sourceCode.getText(receiver);
    }

    function handlersOf(model: SocketModel, origin: Origin): TimeoutHandler[] {
      const handlers: TimeoutHandler[] = [];
      const add = (argument: TSESTree.Node, fn: FunctionNode | null, receiver: TSESTree.Node): void => {
        let target: string | null;
        if (origin.kind === 'server') {
          // the http server passes the timed-out socket to its 'timeout' handler
          const parameter = fn?.params[0];
          target = parameter?.type === AST_NODE_TYPES.Identifier ? parameter.name : null;
        } else {
          target = nameInside(receiver, fn);
        }
        handlers.push({ argument, fn, target });
      };
      for (const listener of origin.listeners) {
        if (listener.event === 'timeout' && listener.handler) {
          add(listener.handler, listener.handlerFunction ?? resolveCalledFunction(model.index, listener.handler), listener.receiver);
        }
      }
      for (const call of origin.timeoutCalls) {
        const handler = call.arguments[1];
        if (handler && call.callee.type === AST_NODE_TYPES.MemberExpression) {
          add(handler, resolveCalledFunction(model.index, handler), call.callee.object);
        }
      }
      return handlers;
    }

    function checkHandler(model: SocketModel, origin: Origin, handler: TimeoutHandler): void {
      const { fn, argument, target } = handler;
      if (!fn) {
        // a handler that is not in this file: trusted like any hand-off, unless it is only the caller's
        // callback, which learns of the timeout but is given nothing to close
        if (!trustHandOff || onlyCallsBack(origin, argument)) {
          reportOnce({ node: argument, messageId: 'handlerNeverEnds', suggest: [] });
        }
        return;
      }
      const summary = model.handlers.of(fn);
      const inline = fn === argument && target !== null;
      let closes = summary.ends || summary.destroys || summary.rearms;
      let passesOn = summary.emits || summary.handsOffSocket;
      // a retry's own request is not this one: what it does to it does not count
      const own = closes || passesOn ? effectWithoutRetries(model, origin, fn) : null;
      if (own) ({ closes, passesOn } = own);
      // `req.emit('error', err)`: the request's own listeners run, nobody new is told
      const selfEmits = !closes && passesOn && !summary.handsOffSocket ? selfEmitEffect(model, origin, fn) : null;
      if (selfEmits) ({ closes, passesOn } = selfEmits);
      if (!closes) {
        if (trustHandOff && passesOn) return;
        // the wrapper's users get the 'timeout' and can close it through the wrapper's own end()/destroy()
        if (forwardsTimeoutToOwner(model.index, origin, fn)) return;
        reportOnce({
          node: argument,
          messageId: 'handlerNeverEnds',
          suggest:
            inline && target !== null
              ? [
                  {
                    messageId: 'destroySocket',
                    fix: (fixer) => appendToBody(sourceCode, fixer, fn, [`${target}.destroy();`]),
                  },
                  {
                    messageId: 'endThenDestroy',
                    fix: (fixer) => appendToBody(sourceCode, fixer, fn, [`${target}.end();`, ...graceLines(target)]),
                  },
                ]
              : [],
        });
        return;
      }
      if (
        requireDestroyFallback &&
        summary.ends &&
        !summary.destroys &&
        !summary.rearms &&
        origin.kind !== 'incoming' &&
        origin.kind !== 'response'
      ) {
        reportOnce({
          node: argument,
          messageId: 'endWithoutDestroy',
          suggest:
            inline && target !== null
              ? [
                  {
                    messageId: 'destroyAfterGrace',
                    fix: (fixer) => appendToBody(sourceCode, fixer, fn, graceLines(target)),
                  },
                ]
              : [],
        });
      }
    }

    /**
     * `req.on('timeout', reject)`, `sock.setTimeout(ms, callback.bind(null, err))`: nothing bound reaches the
     * socket. A bare callback on a socket the caller also gets (`setTimeout(ms, onTimeout); return socket`)
     * is the caller's own handler, called with the socket as `this`: trusted like any hand-off.
     */
    function onlyCallsBack(origin: Origin, handler: TSESTree.Node): boolean {
      // once(callback) runs the callback
      const received = receivedCallbackOf(getSocketModel(context).index, wrappedFunction(handler) ?? handler);
      if (!received) return false;
      if (received.bound.length === 0 && !received.settlesPromise && origin.handOffs.length > 0) return false;
      return !received.bound.some(
        (bound) =>
          origin.aliases.some((alias) => contains(bound, alias)) || origin.handOffs.some((handOff) => contains(bound, handOff.node)),
      );
    }

    function graceLines(target: string): string[] {
      return ['setTimeout(() => {', `  if (!${target}.destroyed) ${target}.destroy();`, `}, ${GRACE_MS}).unref();`];
    }

    function checkMissingHandler(origin: Origin, handlerCount: number): void {
      // the http server destroys the sockets it owns on timeout; 'upgrade' sockets are no longer its own
      if (origin.httpOwned || handlerCount > 0) return;
      if (origin.kind !== 'socket' && origin.kind !== 'request') return;
      if (trustHandOff && origin.handOffs.length > 0) return;
      const subject = origin.kind === 'request' ? 'request' : 'socket';
      for (const call of origin.timeoutCalls) {
        const delay = call.arguments[0];
        if (call.arguments.length !== 1 || !delay || isZero(delay)) continue;
        const receiver = call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : null;
        const target = receiver ? nameInside(receiver, null) : null;
        reportOnce({
          node: call,
          messageId: 'timeoutWithoutHandler',
          data: { subject },
          suggest:
            target === null
              ? []
              : [
                  {
                    messageId: 'addTimeoutListener',
                    data: { subject },
                    fix: (fixer) => fixer.insertTextAfter(delay, `, () => ${target}.destroy()`),
                  },
                ],
        });
      }
      const call = origin.timeoutOption;
      if (call) {
        reportOnce({
          node: call,
          messageId: 'timeoutWithoutHandler',
          data: { subject },
          suggest: requestTimeoutSuggestion(call, subject),
        });
      }
    }

    function requestTimeoutSuggestion(
      call: TSESTree.CallExpression,
      subject: string,
    ): TSESLint.ReportSuggestionArray<MessageIds> {
      const statement = enclosingStatement(call);
      if (statement?.type === AST_NODE_TYPES.VariableDeclaration) {
        const id = statement.declarations[0]?.id;
        if (id?.type !== AST_NODE_TYPES.Identifier) return [];
        const name = id.name;
        return [
          {
            messageId: 'addTimeoutListener',
            data: { subject },
            fix: (fixer) =>
              fixer.insertTextAfter(
                statement,
                `\n${indent(statement)}${name}.on('timeout', () => ${name}.destroy(new Error('${subject} timed out')));`,
              ),
          },
        ];
      }
      if (statement?.type === AST_NODE_TYPES.ExpressionStatement && statement.expression === call) {
        return [
          {
            messageId: 'addTimeoutListener',
            data: { subject },
            fix: (fixer) =>
              fixer.insertTextAfter(call, `.on('timeout', function () { this.destroy(new Error('${subject} timed out')); })`),
          },
        ];
      }
      return [];
    }

    function indent(node: TSESTree.Node): string {
      return /^\s*/u.exec(sourceCode.lines[node.loc.start.line - 1] ?? '')?.[0] ?? '';
    }

    return {
      'Program:exit'() {
        const model = getSocketModel(context);
        for (const origin of model.origins) {
          if (!hasTimeoutEvent(origin)) continue;
          const handlers = handlersOf(model, origin);
          for (const handler of handlers) checkHandler(model, origin, handler);
          checkMissingHandler(origin, handlers.length);
        }
      },
    };
  },
});

function isZero(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Literal && node.value === 0;
}
