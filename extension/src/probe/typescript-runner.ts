// How a TypeScript program runs under the probe: through the project's own tsx or ts-node (found in a
// node_modules folder from the script's folder up), else Node's own type stripping (22.6 and later),
// else not at all, with a message that says what to install.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export type TypeScriptRunner =
  /** A runner's bin, run as the command; the probe comes through NODE_OPTIONS into its node process. */
  | { kind: 'bin'; name: 'tsx' | 'ts-node'; bin: string }
  /** `node` itself, with these flags before the script. */
  | { kind: 'node'; flags: string[] }
  | { kind: 'none'; message: string };

const RUNNERS = ['tsx', 'ts-node'] as const;
const TYPESCRIPT_FILE = /\.(?:c|m)?tsx?$/i;

export function isTypeScriptFile(file: string): boolean {
  return TYPESCRIPT_FILE.test(file) && !/\.d\.(?:c|m)?ts$/i.test(file);
}

/** The bin of the first runner installed in `node_modules` of `from` or a folder above it. */
export function installedRunner(from: string, platform: NodeJS.Platform = process.platform): { name: 'tsx' | 'ts-node'; bin: string } | undefined {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  for (let folder = from; ; folder = paths.dirname(folder)) {
    for (const name of RUNNERS) {
      const bin = paths.join(folder, 'node_modules', '.bin', platform === 'win32' ? `${name}.cmd` : name);
      if (existsSync(bin)) return { name, bin };
    }
    if (paths.dirname(folder) === folder) return undefined;
  }
}

/** Node's flags for type stripping: on by default from 23.6, behind a flag from 22.6; undefined before. */
export function typeStrippingFlags(nodeVersion: string): string[] | undefined {
  const [major = 0, minor = 0] = nodeVersion.replace(/^v/, '').split('.').map(Number);
  if (major > 23 || (major === 23 && minor >= 6)) return [];
  if (major > 22 || (major === 22 && minor >= 6)) return ['--experimental-strip-types'];
  return undefined;
}

/**
 * @param scriptFolder the folder of the program to run
 * @param nodeVersion `node --version` in the project, or undefined when node could not be run
 */
export function typeScriptRunner(scriptFolder: string, nodeVersion: string | undefined, platform: NodeJS.Platform = process.platform): TypeScriptRunner {
  const installed = installedRunner(scriptFolder, platform);
  if (installed) return { kind: 'bin', ...installed };
  const flags = nodeVersion === undefined ? undefined : typeStrippingFlags(nodeVersion);
  if (flags) return { kind: 'node', flags };
  const found = nodeVersion === undefined ? 'no node on the PATH' : `Node.js ${nodeVersion.replace(/^v/, '')}`;
  return {
    kind: 'none',
    message: `cannot run TypeScript here: neither tsx nor ts-node is installed in the project, and ${found} cannot strip types (22.6 or later can). Install one (npm i -D tsx) or compile the program and start its JavaScript.`,
  };
}
