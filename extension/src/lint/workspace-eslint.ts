// Whether the workspace's own ESLint runs the plugin, judged from its flat config file's text: the config is a
// program we will not execute, and a config that loads the plugin names the package.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const PLUGIN_PACKAGE = 'eslint-plugin-socket-hygiene';

/** ESLint's flat config file names, in the order ESLint looks for them. */
export const ESLINT_CONFIG_FILES = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
];

const COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:\\])\/\/[^\n]*/g;
const PLUGIN_SPECIFIER = new RegExp(`(['"\`])${PLUGIN_PACKAGE}(?:/[^'"\`]*)?\\1`);

/** True when the config text imports or requires the plugin outside a comment. */
export function configLoadsPlugin(configText: string): boolean {
  return PLUGIN_SPECIFIER.test(configText.replace(COMMENTS, '$1'));
}

export interface NearestConfig {
  path: string;
  loadsPlugin: boolean;
}

/**
 * The flat config ESLint 10 would use for `fileName`: the first `eslint.config.*` in the file's folder or a
 * parent, up to `stopFolder` (the workspace folder) included.
 */
export function findNearestConfig(
  fileName: string,
  stopFolder: string,
  readText: (configPath: string) => string | undefined = readIfExists,
): NearestConfig | undefined {
  const stop = path.resolve(stopFolder);
  let folder = path.dirname(path.resolve(fileName));
  for (;;) {
    for (const name of ESLINT_CONFIG_FILES) {
      const configPath = path.join(folder, name);
      const text = readText(configPath);
      if (text !== undefined) return { path: configPath, loadsPlugin: configLoadsPlugin(text) };
    }
    const parent = path.dirname(folder);
    if (folder === stop || parent === folder || !isInside(parent, stop)) return undefined;
    folder = parent;
  }
}

function isInside(folder: string, ancestor: string): boolean {
  const relative = path.relative(ancestor, folder);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function readIfExists(configPath: string): string | undefined {
  if (!existsSync(configPath)) return undefined;
  try {
    return readFileSync(configPath, 'utf8');
  } catch {
    return undefined;
  }
}
