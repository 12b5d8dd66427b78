// 'connection' listeners of emitters the model cannot see: `configuration.server.on('connection', (socket)
// => …)` for a server passed in, socket.io's `io.on('connection', (socket) => …)`. The parameter is a
// connection of unknown make: whatever the file stores of it (the object, an entry keyed by its id) must go
// again when it is over. Only remove-on-close reads these (model.wrappers): the other rules need to know
// the make (which events it emits, whether an unheard 'error' throws).
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { memberName, staticString, unwrap } from './ast.js';
import type { FileIndex } from './fileIndex.js';
import { resolveFunction } from './functions.js';
import { LISTENER_METHODS } from './vocabulary.js';

const CONNECTION_HINT = /['"`]connection['"`]/u;

/** The file may register a 'connection' listener (the model's gate, from the text). */
export function mayListenForConnections(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return CONNECTION_HINT.test(sourceCode.text);
}

/** The first parameter of every same-file 'connection' listener (`x.on('connection', (socket) => …)`). */
export function connectionParameters(index: FileIndex): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  for (const call of index.calls) {
    const callee = unwrap(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
    const [event, handler] = call.arguments;
    if (method === null || !LISTENER_METHODS.has(method) || !event || !handler || staticString(event) !== 'connection') continue;
    const fn = resolveFunction(index, handler);
    let parameter = fn?.params[0];
    if (parameter?.type === AST_NODE_TYPES.AssignmentPattern) parameter = parameter.left;
    if (parameter?.type === AST_NODE_TYPES.Identifier) found.push(parameter);
  }
  return found;
}
