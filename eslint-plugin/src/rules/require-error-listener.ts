// An 'error' event nobody listens for is thrown: see docs/rules/require-error-listener.md.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { enclosingStatement, isFunction, isRepeatable } from '../analysis/ast.js';
import { hearsErrors } from '../analysis/errorEvents.js';
import { getSocketModel, type SocketModel } from '../analysis/model.js';
import type { Origin } from '../analysis/origin.js';
import { inSureHands } from '../analysis/sureHandOffs.js';
import { wiredByFile } from '../analysis/wiring.js';
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
      // trustHandOff: false (strict) still trusts the sure hand-offs: a factory's, a transport's, a base class's
      const handedOver = origin.handOffs.length > 0 && !wiredByFile(origin) && (trustHandOff || inSureHands(origin, origins, index));
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
        const model = getSocketModel(context);
        for (const origin of model.origins) check(origin, model);
      },
    };
  },
});
