// Which files are never linted: anything under node_modules, and what `socketHygiene.exclude` names.
import { minimatch } from 'minimatch';

const SEPARATOR = /[\\/]+/;

/** True for a path with a `node_modules` segment: dependencies are not the user's code. */
export function isInNodeModules(filePath: string): boolean {
  return filePath.split(SEPARATOR).includes('node_modules');
}

/**
 * True when a glob of `patterns` matches the file or one of its folders, as `files.exclude` does
 * (`dist` excludes `dist/server.js`). `relativePath` is relative to the workspace folder; patterns
 * that start with `/` or a drive letter are matched against the absolute path instead.
 */
export function isExcluded(patterns: readonly string[], relativePath: string, absolutePath = relativePath): boolean {
  if (patterns.length === 0) return false;
  const relativeSegments = relativePath.split(SEPARATOR).filter(Boolean);
  const absolute = absolutePath.replaceAll('\\', '/');
  return patterns.some((pattern) => {
    const glob = pattern.replaceAll('\\', '/');
    if (glob.startsWith('/') || /^[a-zA-Z]:\//.test(glob)) return matchesPathOrFolder(glob, absolute.split('/'));
    return matchesPathOrFolder(glob, relativeSegments);
  });
}

function matchesPathOrFolder(glob: string, segments: readonly string[]): boolean {
  for (let length = segments.length; length > 0; length -= 1) {
    const candidate = segments.slice(0, length).join('/');
    if (candidate !== '' && minimatch(candidate, glob, { dot: true })) return true;
  }
  return false;
}
