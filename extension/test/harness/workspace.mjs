// Fresh workspace folders under the OS temp dir, so tests may write into them and leave the repo alone.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.mjs';

export const defaultWorkspace = {
  'server.js': [
    "const net = require('node:net');",
    '',
    'const server = net.createServer((socket) => {',
    "  socket.on('error', () => socket.destroy());",
    "  socket.end('hello\\n');",
    '});',
    "server.listen(0, '127.0.0.1');",
    '',
  ].join('\n'),
};

/**
 * @param {Record<string, string> | string | undefined} spec file contents by relative path, or a folder of the
 *   repository to copy (without node_modules); the default holds one small server.js
 * @returns {{ folder: string, remove: () => void }}
 */
export function createWorkspace(spec = defaultWorkspace) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-workspace-'));
  if (typeof spec === 'string') {
    cpSync(path.resolve(repoRoot, spec), folder, {
      recursive: true,
      filter: (source) => path.basename(source) !== 'node_modules',
    });
  } else {
    for (const [file, contents] of Object.entries(spec)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), contents);
    }
  }
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true, maxRetries: 3 }) };
}
