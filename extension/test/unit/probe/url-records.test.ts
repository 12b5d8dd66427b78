// The URL folder of a command run with the probe on demand: <pid>.json records on a real disk, and the
// NODE_OPTIONS that carries the probe there, read back by a real node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeOptionsWord, probeEnvironment } from '../../../src/probe/node-options.js';
import { binCommandLine } from '../../../src/probe/probe-command-line.js';
import { endpointName, firstRecordReading, parseUrlRecord, readUrlRecords } from '../../../src/probe/url-records.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(name = 'url-records-test-'): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), name));
  folders.push(folder);
  return folder;
}

describe('url records', () => {
  it('reads whole records, oldest pid first, and skips temporary and foreign files', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, '900.json'), JSON.stringify({ url: 'http://127.0.0.1:4001/status', pid: 900, script: '/app/b.js' }));
    writeFileSync(path.join(folder, '80.json'), JSON.stringify({ url: 'http://127.0.0.1:4000/status', pid: 80, script: '/app/a.js' }));
    writeFileSync(path.join(folder, '81.json.tmp'), '{"url":');
    writeFileSync(path.join(folder, '82.json'), '{"url":"ftp://x:1/","pid":82,"script":"x"}');
    writeFileSync(path.join(folder, 'notes.txt'), 'hello');
    expect((await readUrlRecords(folder)).map((record) => record.pid)).toEqual([80, 900]);
    expect(await firstRecordReading(folder)).toEqual({ kind: 'url', url: 'http://127.0.0.1:4000/status' });
    expect(await firstRecordReading(tempFolder())).toEqual({ kind: 'missing' });
    expect(await readUrlRecords(path.join(folder, 'gone'))).toEqual([]);
  });

  it('names what is wrong with a record', () => {
    expect(parseUrlRecord('{')).toEqual({ problem: 'a URL record is not JSON' });
    expect(parseUrlRecord('{"url":"http://127.0.0.1:1/status","pid":"1","script":"a"}')).toEqual({ problem: 'a URL record lacks url, pid or script' });
    const noPort = parseUrlRecord('{"url":"http://127.0.0.1/status","pid":1,"script":"a"}');
    expect('problem' in noPort && noPort.problem).toMatch(/no port/);
  });

  it('names an endpoint by what was started, its script and pid', () => {
    expect(endpointName('npm run dev', { url: 'http://127.0.0.1:1/status', pid: 42, script: '/app/dist/server.js' })).toBe('npm run dev · server.js (pid 42)');
  });
});

describe('NODE_OPTIONS', () => {
  it('carries a path with spaces and quotes to a real node as one --require', () => {
    const folder = tempFolder('node options "quoted" \\ folder ');
    const register = path.join(folder, 'register.js');
    writeFileSync(register, "process.stdout.write('loaded ' + process.env.SOCKET_HYGIENE_ON_DEMAND);");
    const env = probeEnvironment(register, folder);
    const output = execFileSync(process.execPath, ['-e', ''], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(output).toBe('loaded 1');
    expect(env.SOCKET_HYGIENE_URL_DIR).toBe(folder);
    expect(nodeOptionsWord('/plain/path.js')).toBe('/plain/path.js');
  });
});

describe('binCommandLine', () => {
  it('runs the project bin by a relative path the shell takes as a path', () => {
    expect(binCommandLine('posix', '/w/node_modules/.bin/tsx', ['src/a.ts'], '/w', 'linux')).toBe('./node_modules/.bin/tsx src/a.ts');
    expect(binCommandLine('posix', '/elsewhere/node_modules/.bin/tsx', ['a.ts'], '/w', 'linux')).toBe('/elsewhere/node_modules/.bin/tsx a.ts');
    expect(binCommandLine('posix', "/my project/node_modules/.bin/tsx", ['a.ts'], '/w', 'linux')).toBe("'/my project/node_modules/.bin/tsx' a.ts");
    expect(binCommandLine('pwsh', 'C:\\w\\node_modules\\.bin\\tsx.cmd', ['a.ts'], 'C:\\w', 'win32')).toBe('.\\node_modules\\.bin\\tsx.cmd a.ts');
    expect(binCommandLine('pwsh', 'C:\\my w\\node_modules\\.bin\\tsx.cmd', ['a.ts'], 'C:\\x', 'win32')).toBe("& 'C:\\my w\\node_modules\\.bin\\tsx.cmd' a.ts");
  });
});
