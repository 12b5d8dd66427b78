// ESLint reports results only at the end; a rule that runs once per file tells how far a long run got.
import type { ESLint, Linter } from 'eslint';

/** Below this many files a run is short enough to need no progress line. */
const QUIET_UP_TO = 300;
const EVERY = 100;

export interface Progress {
  config: Linter.Config;
  /** Ends the progress line, if one was written. */
  done(): void;
}

export function progressOnStderr(stream: NodeJS.WriteStream = process.stderr): Progress {
  let files = 0;
  let written = false;
  const plugin: ESLint.Plugin = {
    rules: {
      'count-files': {
        meta: { type: 'problem', schema: [] },
        create() {
          files += 1;
          if (files >= QUIET_UP_TO && files % EVERY === 0) {
            // On a terminal the line is rewritten in place; in a CI log it is one line per hundred files.
            stream.write(stream.isTTY ? `\rsocket-hygiene: ${files} files linted…` : `socket-hygiene: ${files} files linted…\n`);
            written = true;
          }
          return {};
        },
      },
    },
  };
  return {
    config: { name: 'socket-hygiene-cli/progress', plugins: { 'socket-hygiene-cli': plugin }, rules: { 'socket-hygiene-cli/count-files': 'warn' } },
    done() {
      if (written && stream.isTTY) stream.write(`\rsocket-hygiene: ${files} files linted.\n`);
    },
  };
}
