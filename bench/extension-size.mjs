// Item 4: what installing the extension costs: the size of dist/socket-hygiene.vsix (packaged by
// `npm run package` when it is missing or older than its inputs) and of its three bundles, read from inside the
// .vsix: the VS Code glue loaded at activation, the lint worker started on the first lint, the TypeScript parser
// loaded on the first TypeScript file.
import { statSync } from 'node:fs';
import { ensurePackaged, vsixPath } from './lib/vsix.mjs';
import { zipEntries } from './lib/zip-entries.mjs';

const BUNDLES = {
  extensionJsBytes: 'extension/dist/extension.js',
  lintWorkerJsBytes: 'extension/dist/lint-worker.js',
  typescriptParserJsBytes: 'extension/dist/typescript-parser.js',
};

/** A size, measured once and exact (figure() would round it to four digits). */
const size = (bytes) => ({ median: bytes, min: bytes, max: bytes, runs: 1, unit: 'bytes' });

export async function measureExtension() {
  const { stale } = ensurePackaged();
  const entries = zipEntries(vsixPath);
  const figures = { vsixBytes: size(statSync(vsixPath).size) };
  for (const [key, name] of Object.entries(BUNDLES)) {
    const entry = entries.get(name);
    if (entry === undefined) throw new Error(`${name} is not in the .vsix`);
    figures[key] = size(entry.bytes);
  }
  figures.installedBytes = size([...entries.values()].reduce((sum, entry) => sum + entry.bytes, 0));
  figures.files = entries.size;
  if (stale) figures.vsixStale = true;
  return figures;
}
