// `socket-hygiene [paths]` on the bundled fixtures and on small projects written to a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { runCli } from './run-cli.js';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const LEAKY = `const net = require('node:net');
const server = net.createServer((socket) => {
  socket.on('data', (chunk) => socket.write(chunk));
});
server.on('error', () => {});
server.listen(0);
`;

const folders: string[] = [];
function project(files: Record<string, string>): string {
  // under the OS temporary folder: no typescript can be resolved from there
  const root = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-cli-'));
  folders.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number }[];
}

describe('socket-hygiene command', () => {
  it('reports exactly the annotated findings of test-fixtures/ and exits 1', async () => {
    // the main job's own check of the fixtures against their annotations (npm run lint-fixtures)
    const expectationsModule = '../../../scripts/lib/fixture-expectations.mjs';
    const { checkFixtures } = (await import(expectationsModule)) as {
      checkFixtures: () => Promise<{ file: string; findings: { ruleId: string; line: number }[] }[]>;
    };
    const expected = (await checkFixtures())
      .flatMap((file) => file.findings.map((finding) => `${file.file}:${finding.line} ${finding.ruleId}`))
      .sort();
    const run = await runCli(['--format', 'json', 'test-fixtures'], repositoryRoot);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    const reported = results
      .flatMap((result) => result.messages.map((message) => `${path.relative(repositoryRoot, result.filePath)}:${message.line} ${message.ruleId}`))
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(reported).toEqual(expected);
  });

  it('exits 0 on a clean folder, linting the current folder by default', async () => {
    const root = project({
      'index.js': "const net = require('node:net');\nnet.createServer((s) => { s.on('error', () => {}); s.end(); }).on('error', () => {}).listen(0);\n",
    });
    const run = await runCli([], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('leaves out .gitignore\'d files and build folders, lints .mjs/.cjs/.jsx', async () => {
    const root = project({
      '.gitignore': '# generated\ngenerated/\n',
      'generated/server.js': LEAKY,
      'dist/server.js': LEAKY,
      'coverage/server.js': LEAKY,
      'src/server.cjs': LEAKY,
      'src/view.jsx': `import net from 'node:net';\nconst s = net.connect(80);\nexport const View = () => <div>{String(s)}</div>;\n`,
    });
    const run = await runCli(['--format', 'json'], root);
    const files = (JSON.parse(run.stdout) as JsonResult[]).map((result) => path.relative(root, result.filePath)).sort();
    expect(files).toEqual([path.join('src', 'server.cjs'), path.join('src', 'view.jsx')]);
    expect(run.code).toBe(1);
  });

  it('names the TypeScript files it skips when typescript is not installed, in one line', async () => {
    const root = project({ 'a.ts': LEAKY, 'lib/b.mts': LEAKY, 'c.js': 'export const c = 1;\n' });
    const run = await runCli([], root);
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/2 TypeScript file\(s\) not linted, 'typescript' is not installed in this project: /);
    expect(run.stderr).toContain('a.ts');
    expect(run.stderr).toContain(path.join('lib', 'b.mts'));
  });

  it('lints TypeScript with the project\'s typescript when there is one', async () => {
    const run = await runCli(['--format', 'json', 'test-fixtures/connection-manager'], repositoryRoot);
    const files = (JSON.parse(run.stdout) as JsonResult[]).map((result) => result.filePath);
    expect(files.some((file) => file.endsWith('.ts'))).toBe(true);
    expect(run.stderr).toBe('');
  });

  it('--strict uses the strict config: a lone once(\'error\') on a socket it keeps reading is reported', async () => {
    const onceOnly =
      "const net = require('node:net');\nnet.createServer((s) => { s.once('error', () => {}); s.on('data', (d) => s.write(d)); }).on('error', () => {}).listen(0);\n";
    const root = project({ 'server.js': onceOnly });
    expect((await runCli([], root)).code).toBe(0);
    const strict = await runCli(['--strict', '--format', 'json'], root);
    expect(strict.code).toBe(1);
  });

  it('--max-warnings counts warnings only; findings of recommended are errors and exit 1 anyway', async () => {
    const root = project({ 'server.js': LEAKY });
    expect((await runCli(['--max-warnings', '0'], root)).code).toBe(1);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--max-warnings', 'many'], /--max-warnings needs a whole number/],
    [['--format', 'no-such-formatter-here'], /no-such-formatter-here/],
    [['no/such/folder'], /No files matching 'no\/such\/folder'/],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const root = project({ 'a.js': 'export {};\n' });
    const run = await runCli(args, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('writes a progress line on stderr past a few hundred files', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 320; index += 1) files[`src/file${index}.js`] = `export const value${index} = ${index};\n`;
    const root = project(files);
    const run = await runCli([], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('socket-hygiene: 300 files linted…\n');
  });
});
