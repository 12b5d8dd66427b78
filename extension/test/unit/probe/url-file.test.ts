// The URL file on a real disk: absent, half-written, foreign and whole.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshUrlFile, parseUrlFileText, readUrlFile } from '../../../src/probe/url-file.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'url-file-test-'));
  folders.push(folder);
  return folder;
}

describe('parseUrlFileText', () => {
  it('takes the line the probe writes', () => {
    expect(parseUrlFileText('http://127.0.0.1:40513/status\n')).toEqual({ kind: 'url', url: 'http://127.0.0.1:40513/status' });
    expect(parseUrlFileText('http://[::1]:9/status\n')).toEqual({ kind: 'url', url: 'http://[::1]:9/status' });
  });

  it('waits for the end of the line', () => {
    expect(parseUrlFileText('')).toEqual({ kind: 'incomplete' });
    expect(parseUrlFileText('http://127.0.0.1:405')).toEqual({ kind: 'incomplete' });
  });

  it.each([
    ['not a url\n', /not a URL/],
    ['file:///etc/passwd\n', /file: URL, not http or https/],
    ['http://127.0.0.1/status\n', /has no port/],
    ['http://127.0.0.1:1/status\nhttp://127.0.0.1:2/status\n', /more than one line/],
  ])('refuses %j', (text, problem) => {
    const reading = parseUrlFileText(text);
    expect(reading.kind).toBe('invalid');
    expect(reading.kind === 'invalid' && reading.problem).toMatch(problem);
  });
});

describe('readUrlFile', () => {
  it('reads a missing file as missing, and a written one as its URL', async () => {
    const file = path.join(tempFolder(), 'status-url');
    expect(await readUrlFile(file)).toEqual({ kind: 'missing' });
    writeFileSync(file, 'http://127.0.0.1:1234/status\n');
    expect(await readUrlFile(file)).toEqual({ kind: 'url', url: 'http://127.0.0.1:1234/status' });
  });

  it('reports a path it cannot read', async () => {
    const reading = await readUrlFile(tempFolder()); // a folder
    expect(reading.kind).toBe('invalid');
  });
});

describe('freshUrlFile', () => {
  it('names a file in a new empty folder each time, and removes the folder with what the probe left', async () => {
    const parent = tempFolder();
    const first = await freshUrlFile(parent);
    const second = await freshUrlFile(parent);
    expect(path.dirname(first.file)).not.toBe(path.dirname(second.file));
    expect(existsSync(first.file)).toBe(false);
    writeFileSync(first.file, 'http://127.0.0.1:1/status\n');
    writeFileSync(`${first.file}.123.tmp`, 'http://127.0.0.1:1/st');
    await first.remove();
    expect(existsSync(path.dirname(first.file))).toBe(false);
    await second.remove();
    await second.remove(); // twice is harmless
  });
});
