import { describe, expect, it } from 'vitest';
import { parseSourceLocation, placeInWorkspace, shortLocation } from '../../../src/panel/source-location.js';

describe('parseSourceLocation', () => {
  it('reads an absolute path with line and column', () => {
    expect(parseSourceLocation('/srv/app/server.js:12:5')).toEqual({ text: '/srv/app/server.js:12:5', file: '/srv/app/server.js', line: 12, column: 5 });
  });

  it('reads a file:// URL as Node writes it for ES modules, percent escapes decoded', () => {
    expect(parseSourceLocation('file:///srv/my%20app/server.mjs:7:20')).toMatchObject({ file: '/srv/my app/server.mjs', line: 7, column: 20 });
  });

  it('reads a retention location without a column', () => {
    expect(parseSourceLocation('/srv/app/a.js:3')).toMatchObject({ file: '/srv/app/a.js', line: 3, column: 1 });
  });

  it('reads a Windows path', () => {
    expect(parseSourceLocation('C:\\app\\server.js:12:5')).toMatchObject({ file: 'C:\\app\\server.js', line: 12, column: 5 });
  });

  it('gives nothing for "other", relative paths, internals and garbage', () => {
    for (const text of ['other', 'server.js:12:5', 'node:net:100:3', '/srv/a.js', '/srv/a.js:0:1', '', 'file://host/:1:1']) {
      expect(parseSourceLocation(text), text).toBeUndefined();
    }
  });
});

describe('placeInWorkspace', () => {
  it('finds the innermost folder that holds the file', () => {
    expect(placeInWorkspace('/work/repo/pkg/a.js', ['/work/repo', '/work/repo/pkg'])).toEqual({ inWorkspace: true, file: '/work/repo/pkg/a.js', folder: '/work/repo/pkg', relative: 'a.js' });
  });

  it('says when the file is outside every folder, also for a sibling with a common prefix', () => {
    expect(placeInWorkspace('/work/repo-other/a.js', ['/work/repo'])).toEqual({ inWorkspace: false, file: '/work/repo-other/a.js' });
    expect(placeInWorkspace('/etc/a.js', [])).toEqual({ inWorkspace: false, file: '/etc/a.js' });
  });

  it('names the file relative to its folder, or by its base name outside', () => {
    const location = parseSourceLocation('/work/repo/src/server.js:12:5')!;
    expect(shortLocation(location, placeInWorkspace(location.file, ['/work/repo']))).toBe('src/server.js:12');
    expect(shortLocation(location, placeInWorkspace(location.file, ['/elsewhere']))).toBe('server.js:12');
  });
});
