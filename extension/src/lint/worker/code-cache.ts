// Loads a CommonJS bundle (the 4 MB TypeScript parser) with V8's code cache kept on disk, as Node's own loader
// does not: compiling and running dist/typescript-parser.js costs ~670 ms of CPU, ~270 ms with the cache
// (bench/README.md, tsFirstLintMs), time the worker's warm-up then has before the first TypeScript file comes.
// The cache is written once the worker is idle, after the parser has run, so it also holds the functions the
// first parses compiled. Its name carries a hash of the bundle's text and V8's version: V8 checks only the
// source's length, and another bundle of the same length must never meet this cache. Any failure to read or
// write it only costs the time it would have saved.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';

export interface CodeCachedModule {
  exports: unknown;
  /** True when V8 compiled the module from the cache on disk. */
  fromCache: boolean;
  /** Writes the cache when it was missing or rejected (once); resolves when written or given up. */
  save(): Promise<void>;
}

/** `require(file)` through `vm.Script`, with the code cache for `file` in `cacheFolder`. */
export function requireWithCodeCache(file: string, cacheFolder: string): CodeCachedModule {
  const source = readFileSync(file, 'utf8');
  const stem = path.basename(file, '.js');
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const cacheFile = path.join(cacheFolder, `${stem}-${hash}-v8-${process.versions.v8}-${process.arch}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined; // the first start after an install or update
  }
  // The same wrapper as Node's CommonJS loader, on the source's first line so line numbers in stacks stay right.
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: { exports: unknown }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));

  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  let pending = !fromCache;
  return {
    exports: module.exports,
    fromCache,
    async save() {
      if (!pending) return;
      pending = false;
      const temporary = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      try {
        await mkdir(cacheFolder, { recursive: true });
        await writeFile(temporary, script.createCachedData());
        await rename(temporary, cacheFile); // two windows writing at once: the last rename wins, whole
        await removeStale(cacheFolder, stem, path.basename(cacheFile));
      } catch {
        await unlink(temporary).catch(() => undefined);
      }
    },
  };
}

/** Caches of earlier versions of the same bundle (or of another V8) are never read again. */
async function removeStale(cacheFolder: string, stem: string, current: string): Promise<void> {
  for (const name of readdirSync(cacheFolder)) {
    if (name !== current && name.startsWith(`${stem}-`) && name.endsWith('.cache')) await unlink(path.join(cacheFolder, name)).catch(() => undefined);
  }
}
