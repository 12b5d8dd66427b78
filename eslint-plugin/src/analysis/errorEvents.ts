// The events through which a socket reports its errors. Usually 'error' alone; but a TLS socket built by
// hand (`new tls.TLSSocket(socket, …)` then `_start()`) reports its TLS errors as '_tlsError' only: Node's
// _tls_wrap emits 'error' for them once control is released, which tls.connect and tls servers do and a
// bare TLSSocket never does. Its '_tlsError' listener is its error listener (mysql eed516a).
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { Listener, Origin } from './origin.js';

/** The listener hears the errors of this origin. */
export function hearsErrors(origin: Origin, listener: Listener): boolean {
  if (listener.event === 'error') return true;
  return listener.event === '_tlsError' && origin.family === 'tls' && origin.node.type === AST_NODE_TYPES.NewExpression;
}
