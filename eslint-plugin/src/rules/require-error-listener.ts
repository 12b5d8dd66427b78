// An 'error' event nobody listens for is thrown: see docs/rules/require-error-listener.md.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingFunction, enclosingStatement, isFunction, isRepeatable } from '../analysis/ast.js';
import { getSocketModel } from '../analysis/model.js';
import type { Origin } from '../analysis/origin.js';
import { isWrapper } from '../analysis/wrappers.js';
import { createRule } from '../util/createRule.js';
import { fillTemplate, insertAfterStatement, insertAtBodyStart } from '../util/fixes.js';
import { report } from '../util/report.js';

export const RULE_NAME = 'require-error-listener';

// events whose listener shows that a function uses the socket it created, rather than only building it for a caller
const LIFECYCLE_EVENTS: ReadonlySet<string> = new Set(['data', 'close', 'end', 'open', 'message']);

export type MessageIds =
  | 'socketWithoutErrorListener'
  | 'datagramSocketWithoutErrorListener'
  | 'requestWithoutErrorListener'
  | 'serverWithoutErrorListener'
  | 'onlyOnceErrorListener'
  | 'addErrorListener';

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
        "The only 'error' listener of this socket is registered with once(): a second error on the living socket is thrown and crashes the process.",
      addErrorListener: "Add an 'error' listener that logs the error.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          servers: { type: 'boolean', description: 'Also require an error listener on servers.' },
          rejectOnceOnly: {
            type: 'boolean',
            description: "Report a socket whose only 'error' listener is registered with once().",
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

    function check(origin: Origin): void {
      if (origin.kind === 'incoming' || origin.kind === 'response') return;
      // Node's http server listens for errors of the sockets it accepts and reports 'clientError'
      if (origin.httpOwned) return;
      if (origin.kind === 'server' && (!servers || origin.noServer)) return;
      const errorListeners = origin.listeners.filter((listener) => listener.event === 'error');
      if (origin.errorCovers.length > 0) return;
      // a listener for a computed event name may be the 'error' listener
      const dynamic = origin.listeners.some((listener) => listener.dynamic);
      // leaving the function is not handling: a socket its creator wired up itself is still the creator's
      const trusted = trustHandOff && ((origin.handOffs.length > 0 && !wiredByCreator(origin)) || dynamic);
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
        const fix = suggestion(origin);
        report(context, RULE_NAME, {
          node: origin.node,
          messageId,
          suggest: fix ? [{ messageId: 'addErrorListener', fix }] : [],
        });
        return;
      }
      if (rejectOnceOnly && origin.kind === 'socket' && errorListeners.every((listener) => listener.once) && !trusted) {
        report(context, RULE_NAME, { node: origin.node, messageId: 'onlyOnceErrorListener' });
      }
    }

    /**
     * The function that creates (or receives) the socket listens to its life itself ('data', 'close', …):
     * it owns the socket, so a hand-off (return, resolve, callback) does not make the 'error' listener
     * someone else's business. A socket the function does not wire up at all keeps the hand-off exemption.
     */
    function wiredByCreator(origin: Origin): boolean {
      return origin.listeners.some((listener) => {
        const handler = listener.handlerFunction;
        return (
          listener.event !== null &&
          LIFECYCLE_EVENTS.has(listener.event) &&
          (enclosingFunction(listener.node) === origin.enclosingFunction || keptOnObjectOfFile(listener.receiver)) &&
          // a listener whose code is not in sight, or that itself passes the socket on (`ws.on('open', () => resolve(ws))`),
          // is part of the hand-off, not the creator using the socket
          handler !== null &&
          !origin.handOffs.some(({ node }) => node.range[0] >= handler.range[0] && node.range[1] <= handler.range[1])
        );
      });
    }

    /**
     * Class 3: `this.conn.on('data', …)` in any method of the class (or prototype, or a module object): the
     * object that keeps the socket wires it up, so the socket is that object's, wherever the object goes.
     */
    function keptOnObjectOfFile(receiver: TSESTree.Node): boolean {
      return receiver.type === AST_NODE_TYPES.MemberExpression && getSocketModel(context).index.keyOf(receiver) !== null;
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
      const target = statement ? assignedName(statement, node) : null;
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
        for (const origin of getSocketModel(context).origins) check(origin);
      },
    };
  },
});
