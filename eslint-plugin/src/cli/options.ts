// The command line of `socket-hygiene`: a few ESLint-like flags, anything else is a usage error (exit 2).
import { parseArgs } from 'node:util';

export interface CliOptions {
  paths: string[];
  strict: boolean;
  /** An ESLint formatter name ('stylish', 'json', an eslint-formatter-* package or a path) or 'sarif'. */
  format: string;
  /** -1: no limit, as in ESLint. */
  maxWarnings: number;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: socket-hygiene [options] [files or folders...]

Lints JavaScript and TypeScript files for leaked sockets with eslint-plugin-socket-hygiene's
recommended config, without an ESLint config of your own. Default: the current folder, minus
.gitignore'd files, node_modules and build folders (dist, build, out, coverage, ...).

Options:
  --strict              use the strict config instead of recommended
  -f, --format <name>   any ESLint formatter (stylish, json, or an eslint-formatter-* package), or sarif
  --max-warnings <n>    exit 1 when there are more than n warnings (default: no limit)
  -h, --help            show this help
  -v, --version         show the version

Exit code: 0 no findings, 1 findings (or too many warnings), 2 usage or configuration error.`;

export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        strict: { type: 'boolean', default: false },
        format: { type: 'string', short: 'f', default: 'stylish' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    const text = values['max-warnings'];
    if (!/^\d+$/u.test(text)) throw new UsageError(`--max-warnings needs a whole number, not '${text}'`);
    maxWarnings = Number(text);
  }
  if (values.format === '') throw new UsageError('--format needs a formatter name');
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    strict: values.strict,
    format: values.format,
    maxWarnings,
    help: values.help,
    version: values.version,
  };
}
