import { describe, expect, it } from 'vitest';
import { probeCommandLine, scriptArgument } from '../../../src/probe/probe-command-line.js';

describe('scriptArgument', () => {
  it.each([
    ['/work/app/server.js', '/work/app', 'linux', 'server.js'],
    ['/work/app/src/server.js', '/work/app', 'linux', 'src/server.js'],
    ['/elsewhere/server.js', '/work/app', 'linux', '/elsewhere/server.js'],
    ['/work/app-2/server.js', '/work/app', 'linux', '/work/app-2/server.js'],
    ['/work/app/-x.js', '/work/app', 'linux', './-x.js'],
    ['C:\\work\\app\\src\\server.js', 'C:\\work\\app', 'win32', 'src\\server.js'],
    ['D:\\other\\server.js', 'C:\\work\\app', 'win32', 'D:\\other\\server.js'],
  ] as const)('%s from %s (%s) is %s', (script, cwd, platform, expected) => {
    expect(scriptArgument(script, cwd, platform)).toBe(expected);
  });
});

describe('probeCommandLine', () => {
  it('puts --require and the probe before the script, each quoted for the shell', () => {
    const command = {
      registerPath: "/home/o'brien/.vscode/extensions/socket-hygiene/dist/probe/register.js",
      script: '/work/my app/server.js',
      cwd: '/work/my app',
      platform: 'linux',
    } as const;
    expect(probeCommandLine({ ...command, shell: 'posix' })).toBe(
      `node --require '/home/o'\\''brien/.vscode/extensions/socket-hygiene/dist/probe/register.js' server.js`,
    );
    expect(probeCommandLine({ ...command, shell: 'pwsh' })).toBe(
      `node --require '/home/o''brien/.vscode/extensions/socket-hygiene/dist/probe/register.js' server.js`,
    );
  });

  it('names the script by its absolute path when it lies outside the working directory', () => {
    expect(
      probeCommandLine({
        registerPath: 'C:\\Users\\me\\.vscode\\extensions\\sh\\dist\\probe\\register.js',
        script: 'D:\\apps\\api server.js',
        cwd: 'C:\\work',
        shell: 'cmd',
        platform: 'win32',
      }),
    ).toBe('node --require C:\\Users\\me\\.vscode\\extensions\\sh\\dist\\probe\\register.js "D:\\apps\\api server.js"');
  });
});
