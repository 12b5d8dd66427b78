import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { buildFileIndex } from '../../src/analysis/fileIndex.js';
import { annotatedFamily, typeAnnotationOf } from '../../src/analysis/types.js';
import { withContext } from './analyze.js';

function families(code: string): (string | null)[] {
  return withContext(
    code,
    (context) => {
      const index = buildFileIndex(context.sourceCode, false);
      return index.annotated.map((node) => annotatedFamily(typeAnnotationOf(node), index.imports));
    },
    'ts',
  );
}

describe('annotatedFamily', () => {
  it('knows Socket / TLSSocket / WebSocket imported from net, tls and ws, named, default or namespace', () => {
    expect(
      families(`
import type { Socket as NetSocket } from 'node:net';
import * as net from 'net';
import tls from 'tls';
import { WebSocket } from 'ws';
import Default from 'ws';
function f(a: NetSocket, b: net.Socket, c: tls.TLSSocket | undefined, d: WebSocket, e: Default, g: Socket, h: string) {}`),
    ).toEqual(['net', 'net', 'tls', 'ws', 'ws', null, null]);
  });

  it('reads parameter properties, class properties and variables', () => {
    const kinds = withContext(
      `import { Socket } from 'net'; class A { s?: Socket; constructor(private t: Socket) {} } let v: Socket;`,
      (context) => buildFileIndex(context.sourceCode, false).annotated.map((node) => node.type),
      'ts',
    );
    expect(kinds).toEqual([AST_NODE_TYPES.PropertyDefinition, AST_NODE_TYPES.TSParameterProperty, AST_NODE_TYPES.Identifier]);
  });
});
