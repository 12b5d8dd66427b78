// The corpus read once into memory, each file with the module system Node would give it
// (nearest package.json "type", .cjs/.mjs by extension), named by package-relative path so that
// ESLint's default node_modules ignore does not apply to the virtual file names.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusFiles, packageOf } from './files.mjs';

function nearestPackageType(file, cache) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (cache.has(dir)) return cache.get(dir);
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const type = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      cache.set(dir, type);
      return type;
    }
  }
  return 'commonjs';
}

export function sourceTypeOf(file, cache = new Map()) {
  if (file.endsWith('.cjs')) return 'commonjs';
  if (file.endsWith('.mjs')) return 'module';
  return nearestPackageType(file, cache);
}

/** @returns {{ file: string, name: string, text: string, sourceType: 'module'|'commonjs', lines: number }[]} */
export function readCorpus(files = corpusFiles()) {
  const cache = new Map();
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const pkg = packageOf(file);
    const marker = `${path.sep}node_modules${path.sep}${pkg}${path.sep}`;
    const name = `${pkg}/${file.slice(file.lastIndexOf(marker) + marker.length)}`;
    return { file, name, text, sourceType: sourceTypeOf(file, cache), lines: text.split('\n').length };
  });
}
