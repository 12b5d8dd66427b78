// Quoting of one command-line argument for the shell of a VS Code terminal. VS Code's own
// `shellIntegration.executeCommand(executable, args)` escapes only arguments with whitespace and no
// quotes ("not intended to be a security measure"), so the command line is built here, once per shell.

/** How a shell reads a quoted word. Unknown shells are read as POSIX shells. */
export type ShellKind = 'posix' | 'fish' | 'pwsh' | 'cmd';

/**
 * The kind of shell from a name VS Code gives: `Terminal.state.shell` ('bash', 'pwsh', 'fish', ...) or
 * the path of the default shell (`vscode.env.shell`, '/usr/bin/zsh', 'C:\\...\\powershell.exe').
 */
export function shellKindOf(shell: string | undefined, platform: NodeJS.Platform): ShellKind {
  const name = (shell ?? '').split(/[\\/]/).pop()?.toLowerCase().replace(/\.exe$/, '') ?? '';
  if (name === 'fish') return 'fish';
  if (name === 'pwsh' || name === 'powershell' || name.startsWith('pwsh-')) return 'pwsh';
  if (name === 'cmd') return 'cmd';
  if (name === '') return platform === 'win32' ? 'pwsh' : 'posix'; // VS Code's default shells
  return 'posix';
}

export class UnquotableArgumentError extends Error {
  constructor(argument: string, why: string) {
    super(`cannot pass ${JSON.stringify(argument)} on a command line: ${why}`);
    this.name = 'UnquotableArgumentError';
  }
}

// Words made only of these characters need no quotes. '=' is left out (zsh expands a leading '='), so are
// PowerShell's '@' (splatting) and ',' (array), and the '%' that cmd.exe expands even inside quotes.
const PLAIN_WORD: Record<ShellKind, RegExp> = {
  posix: /^[\w@%+:,./-]+$/,
  fish: /^[\w@+:,./-]+$/,
  pwsh: /^[\w+:./\\-]+$/,
  cmd: /^[\w+:,./\\-]+$/,
};

/** The argument as one word of a command line in that shell, quoted only when it needs to be. */
export function quoteArgument(kind: ShellKind, argument: string): string {
  // A line break would end the command line that sendText/executeCommand types into the terminal.
  if (/[\r\n]/.test(argument)) throw new UnquotableArgumentError(argument, 'it contains a line break');
  if (kind === 'cmd') {
    if (argument.includes('"')) throw new UnquotableArgumentError(argument, 'cmd.exe cannot quote a double quote');
    // cmd.exe expands %VAR% even inside double quotes: a '%' is kept only when no such variable exists.
    return PLAIN_WORD.cmd.test(argument) ? argument : `"${argument}"`;
  }
  if (PLAIN_WORD[kind].test(argument)) return argument;
  switch (kind) {
    case 'posix':
      // Nothing is special inside single quotes; a single quote ends them, is escaped, and they open again.
      return `'${argument.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      // fish reads \\ and \' inside single quotes as escapes.
      return `'${argument.replace(/[\\']/g, '\\$&')}'`;
    case 'pwsh':
      // PowerShell also takes the typographic single quotes as quotes; each is doubled to stand for itself.
      return `'${argument.replace(/['\u2018\u2019\u201a\u201b]/g, '$&$&')}'`;
  }
}

/** `executable arg1 arg2 ...`, each argument quoted for the shell; the executable is a plain command name. */
export function commandLine(kind: ShellKind, executable: string, args: readonly string[]): string {
  return [executable, ...args.map((argument) => quoteArgument(kind, argument))].join(' ');
}
