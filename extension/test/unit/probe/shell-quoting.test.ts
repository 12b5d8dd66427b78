// Quoting for the terminal's shell: the POSIX rules are checked by real bash and dash reading the line
// back into argv; fish, PowerShell and cmd.exe are not installed here and are checked against their rules.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandLine, quoteArgument, shellKindOf, UnquotableArgumentError } from '../../../src/probe/shell-quoting.js';

// Each of these must reach the program as exactly one argument, unchanged.
const AWKWARD_ARGUMENTS = [
  'server.js',
  'my server.js',
  "it's.js",
  '$(touch pwned).js',
  '`touch pwned`.js',
  '"double".js',
  'back\\slash.js',
  '*.js',
  '~/app.js',
  '=app.js',
  '-leading-dash.js',
  'ünïcödé.js',
  '100%.js',
  'a;b&c|d<e>f.js',
  '!bang.js',
  '$HOME',
  '',
];

const PRINT_ARGV = 'process.stdout.write(JSON.stringify(process.argv.slice(1)))';

describe('quoteArgument in a real POSIX shell', () => {
  for (const shell of ['/usr/bin/bash', '/usr/bin/dash'].filter((path) => existsSync(path))) {
    it(`${shell} reads every argument back unchanged`, () => {
      const line = commandLine('posix', process.execPath, ['-e', PRINT_ARGV, ...AWKWARD_ARGUMENTS]);
      const argv = JSON.parse(execFileSync(shell, ['-c', line], { encoding: 'utf8', timeout: 10_000 })) as string[];
      expect(argv).toEqual(AWKWARD_ARGUMENTS);
    });
  }
});

describe('quoteArgument', () => {
  it('leaves plain words alone in every shell', () => {
    for (const kind of ['posix', 'fish', 'pwsh', 'cmd'] as const) {
      expect(quoteArgument(kind, '--require')).toBe('--require');
      expect(quoteArgument(kind, 'src/server.js')).toBe('src/server.js');
    }
  });

  it.each([
    ['posix', "it's here.js", `'it'\\''s here.js'`],
    ['posix', '=app.js', `'=app.js'`],
    ['fish', "it's here.js", `'it\\'s here.js'`],
    ['fish', 'back\\slash.js', `'back\\\\slash.js'`],
    ['fish', '100%.js', `'100%.js'`],
    ['pwsh', "it's here.js", `'it''s here.js'`],
    ['pwsh', 'it\u2019s.js', `'it\u2019\u2019s.js'`],
    ['pwsh', '$env:HOME.js', `'$env:HOME.js'`],
    ['pwsh', '@args', `'@args'`],
    ['pwsh', 'a,b.js', `'a,b.js'`],
    ['pwsh', 'C:\\Users\\me\\app.js', 'C:\\Users\\me\\app.js'],
    ['cmd', 'C:\\Program Files\\app.js', '"C:\\Program Files\\app.js"'],
    ['cmd', 'a&b.js', '"a&b.js"'],
    ['cmd', '100%.js', '"100%.js"'],
  ] as const)('%s quotes %j as %s', (kind, argument, quoted) => {
    expect(quoteArgument(kind, argument)).toBe(quoted);
  });

  it('refuses what no quoting can carry', () => {
    expect(() => quoteArgument('posix', 'two\nlines.js')).toThrow(UnquotableArgumentError);
    expect(() => quoteArgument('pwsh', 'carriage\rreturn.js')).toThrow(UnquotableArgumentError);
    expect(() => quoteArgument('cmd', 'say "hi".js')).toThrow(/cmd\.exe cannot quote a double quote/);
  });
});

describe('shellKindOf', () => {
  it.each([
    ['bash', 'linux', 'posix'],
    ['/usr/bin/zsh', 'darwin', 'posix'],
    ['/usr/local/bin/fish', 'linux', 'fish'],
    ['pwsh', 'linux', 'pwsh'],
    ['C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'win32', 'pwsh'],
    ['C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'win32', 'pwsh'],
    ['C:\\WINDOWS\\System32\\cmd.exe', 'win32', 'cmd'],
    ['gitbash', 'win32', 'posix'],
    [undefined, 'win32', 'pwsh'],
    [undefined, 'linux', 'posix'],
    ['', 'darwin', 'posix'],
  ] as const)('%j on %s is %s', (shell, platform, kind) => {
    expect(shellKindOf(shell, platform)).toBe(kind);
  });
});
