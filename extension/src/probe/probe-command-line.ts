// The command line that runs a script under the probe: `node --require <register.js> <script>`.
// The flag is on the node command line rather than in NODE_OPTIONS, so the program's own child
// processes (npm scripts, spawned tools) are not probed too.
import * as path from 'node:path';
import { commandLine, quoteArgument, type ShellKind } from './shell-quoting.js';

export interface ProbeCommand {
  /** The probe's register entry (the bundle shipped in the .vsix). */
  registerPath: string;
  /** The program to run, an absolute path. */
  script: string;
  /** The terminal's working directory: the script is named relative to it when it lies inside. */
  cwd: string;
  shell: ShellKind;
  /** The platform the terminal runs on, for its path rules (default: this process's). */
  platform?: NodeJS.Platform;
}

/** The script as the person would type it: relative to the working directory when inside it. */
export function scriptArgument(script: string, cwd: string, platform: NodeJS.Platform = process.platform): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const relative = paths.relative(cwd, script);
  if (relative === '' || relative.startsWith('..') || paths.isAbsolute(relative)) return script;
  // A leading '-' would make node read the name as an option.
  return relative.startsWith('-') ? `.${paths.sep}${relative}` : relative;
}

export function probeCommandLine(command: ProbeCommand): string {
  return commandLine(command.shell, 'node', [
    '--require',
    command.registerPath,
    scriptArgument(command.script, command.cwd, command.platform),
  ]);
}

/**
 * `<bin> args…` for a program's own runner (node_modules/.bin/tsx): named relative to the working directory
 * when inside it, with the `./` a shell needs to run a relative path, and PowerShell's `&` before a quoted one.
 */
export function binCommandLine(shell: ShellKind, bin: string, args: readonly string[], cwd: string, platform: NodeJS.Platform = process.platform): string {
  const named = scriptArgument(bin, cwd, platform);
  const windowsShell = shell === 'pwsh' || shell === 'cmd';
  const executable = named === bin || named.startsWith('.') ? named : `${windowsShell ? '.\\' : './'}${named}`;
  const quoted = quoteArgument(shell, executable);
  const prefix = shell === 'pwsh' && quoted !== executable ? '& ' : '';
  return [`${prefix}${quoted}`, ...args.map((argument) => quoteArgument(shell, argument))].join(' ');
}
