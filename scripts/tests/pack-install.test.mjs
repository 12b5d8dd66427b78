// Both packages as a user gets them: `npm pack` (prepack builds), the tarballs installed with pinned ESLint
// versions into fresh projects outside the repository, then ESLint, the command and the probe run there.
// Installs come from the npm cache first (--prefer-offline); the first run on a machine fills it.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MINUTES = 60_000;

// Pinned: what the test proves works, not whatever is newest today.
const ESLINT_9 = 'eslint@9.39.5';
const ESLINT_10 = 'eslint@10.15.0';
const TYPESCRIPT = 'typescript@5.9.3';
const TS_PARSER = '@typescript-eslint/parser@8.73.0';
// type information needs type-utils, an optional peer (eslint-plugin/README.md, TypeScript)
const TYPE_UTILS = '@typescript-eslint/type-utils@8.73.0';
const NODE_TYPES = '@types/node@20.19.43';

const RULES = ['socket-hygiene/remove-on-close', 'socket-hygiene/require-error-listener', 'socket-hygiene/timeout-ends-socket'];
const LEAKY_BODY = `
const clients = new Set();
const server = net.createServer((socket) => {
  clients.add(socket);
  socket.setTimeout(1000);
  socket.on('timeout', () => console.log('idle', clients.size));
});
server.on('error', () => {});
server.listen(0);
`;

// npm run by `npm test` passes its own npm_* settings down; a user's fresh project has none of them.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

function npm(args, cwd) {
  return run('npm', args, { cwd, env: cleanEnv, maxBuffer: 64 * 1024 * 1024 });
}

async function install(cwd, packages) {
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-exact', ...packages], cwd);
}

/** Runs a command of the project; resolves with its exit code and output, whatever the code. */
async function runIn(cwd, file, args) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: cleanEnv, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

function bin(cwd, name) {
  return path.join(cwd, 'node_modules', '.bin', name);
}

/** Every `node_modules/<name>` folder under a project, nested ones included. */
function installedCopies(root, name) {
  const found = [];
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    if (existsSync(path.join(modules, name))) found.push(path.join(modules, name));
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const packageDirs = entry.name.startsWith('@')
        ? readdirSync(path.join(modules, entry.name)).map((inner) => path.join(modules, entry.name, inner))
        : [path.join(modules, entry.name)];
      for (const dir of packageDirs) walk(path.join(dir, 'node_modules'));
    }
  };
  walk(path.join(root, 'node_modules'));
  return found;
}

function writeFiles(root, files) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
}

/** The rule ids of ESLint's JSON output, one per finding, sorted. */
function ruleIdsOf(jsonOutput) {
  return JSON.parse(jsonOutput)
    .flatMap((result) => result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`))
    .sort();
}

let workspace;
const tarballs = {};
const contents = {};
const projects = {};

beforeAll(async () => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'socket-hygiene-pack-'));
  for (const [key, dir] of [['plugin', 'eslint-plugin'], ['probe', 'probe']]) {
    const { stdout } = await npm(['pack', '--json', '--pack-destination', workspace], path.join(repositoryRoot, dir));
    // prepack's build output comes before the JSON on stdout
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('[\n')));
    tarballs[key] = path.join(workspace, packed.filename);
    contents[key] = packed.files.map((file) => file.path);
  }

  projects.esm = path.join(workspace, 'esm-eslint9');
  writeFiles(projects.esm, {
    'package.json': JSON.stringify({ name: 'esm-eslint9', private: true, type: 'module' }),
    'eslint.config.js': "import socketHygiene from 'eslint-plugin-socket-hygiene';\n\nexport default [socketHygiene.configs.recommended];\n",
    'leaky.js': `import net from 'node:net';\n${LEAKY_BODY}`,
    'server.cjs': [
      "const net = require('node:net');",
      'const server = net.createServer((socket) => { socket.on(\'error\', () => {}); });',
      "server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\\n`));",
      '',
    ].join('\n'),
  });
  projects.cjs = path.join(workspace, 'cjs-eslint10');
  writeFiles(projects.cjs, {
    'package.json': JSON.stringify({ name: 'cjs-eslint10', private: true }),
    'eslint.config.cjs': "const socketHygiene = require('eslint-plugin-socket-hygiene');\n\nmodule.exports = [socketHygiene.configs.recommended];\n",
    'leaky.js': `const net = require('node:net');\n${LEAKY_BODY}`,
  });
  projects.ts = path.join(workspace, 'typescript-eslint10');
  writeFiles(projects.ts, {
    'package.json': JSON.stringify({ name: 'typescript-eslint10', private: true, type: 'module' }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
      include: ['src'],
    }),
    'eslint.config.js': [
      "import tsParser from '@typescript-eslint/parser';",
      "import socketHygiene from 'eslint-plugin-socket-hygiene';",
      '',
      'export default [',
      '  { files: ["**/*.ts"], ...socketHygiene.configs.recommended },',
      '  { files: ["**/*.ts"], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },',
      '];',
      '',
    ].join('\n'),
    'src/leaky.ts': `import net from 'node:net';\n${LEAKY_BODY.replace('new Set()', 'new Set<net.Socket>()')}`,
    // the shipped types, used as a TypeScript user would
    'src/types.ts': [
      "import socketHygiene from 'eslint-plugin-socket-hygiene';",
      "import { start, type StatusSnapshot } from 'socket-hygiene-probe';",
      "import type { StatusReport } from 'socket-hygiene-probe/status';",
      '',
      'export const rules: string[] = Object.keys(socketHygiene.configs.strict.rules ?? {});',
      'export async function activeConnections(): Promise<number> {',
      '  const probe = await start({ port: 0 });',
      '  const status: StatusSnapshot = await probe.status();',
      '  await probe.stop();',
      '  return status.activeConnections;',
      '}',
      'export const openOnes = (report: StatusReport): number => report.connections.filter((connection) => connection.state === "open").length;',
      '',
    ].join('\n'),
  });
  // one install at a time: they share the npm cache, and the machine has two cores
  await install(projects.esm, [ESLINT_9, tarballs.plugin, tarballs.probe]);
  await install(projects.cjs, [ESLINT_10, tarballs.plugin]);
  await install(projects.ts, [ESLINT_10, TYPESCRIPT, TS_PARSER, TYPE_UTILS, NODE_TYPES, tarballs.plugin, tarballs.probe]);
}, 10 * MINUTES);

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('the plugin tarball holds the built code, its types, docs and LICENSE; no sources maps, tests or sources', () => {
    const files = contents.plugin;
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'bin/socket-hygiene.js']));
    expect(files.filter((file) => file.startsWith('docs/rules/'))).toHaveLength(RULES.length);
    expect(files.filter((file) => file.endsWith('.map') || file.startsWith('tests/') || file.startsWith('src/'))).toEqual([]);
  });

  it('the probe tarball holds its code, emitted types, the status schema and LICENSE; no tests, no keys', () => {
    const files = contents.probe;
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE', 'README.md', 'STATUS-FORMAT.md', 'status.schema.json', 'status.d.ts', 'examples/status_endpoint.py',
        'src/index.js', 'src/register.cjs', 'types/index.d.ts', 'types/status-snapshot.d.ts',
      ]),
    );
    expect(files.filter((file) => file.startsWith('tests/') || /\.pem$|key/i.test(file))).toEqual([]);
  });
});

describe('installed into fresh projects', { timeout: 2 * MINUTES }, () => {
  it('ESLint 9, ESM config: the recommended config reports the leaks', async () => {
    const result = await runIn(projects.esm, bin(projects.esm, 'eslint'), ['--format', 'json', 'leaky.js']);
    expect(ruleIdsOf(result.stdout)).toEqual(RULES);
    expect(result.code).toBe(1);
  });

  it('ESLint 10, CommonJS config: require() gives the plugin with its configs', async () => {
    const result = await runIn(projects.cjs, bin(projects.cjs, 'eslint'), ['--format', 'json', 'leaky.js']);
    expect(result.stderr).toBe('');
    expect(ruleIdsOf(result.stdout)).toEqual(RULES);
  });

  it('a JavaScript project gets no typescript and no typescript-eslint package that needs it', () => {
    for (const project of [projects.esm, projects.cjs]) {
      expect(installedCopies(project, 'typescript')).toEqual([]);
      const typescriptEslint = existsSync(path.join(project, 'node_modules', '@typescript-eslint'))
        ? readdirSync(path.join(project, 'node_modules', '@typescript-eslint'))
        : [];
      expect(typescriptEslint).toEqual(['types']);
    }
  });

  it('TypeScript project with type information: the leaks are reported, and the shipped types check', async () => {
    const result = await runIn(projects.ts, bin(projects.ts, 'eslint'), ['--format', 'json', 'src/leaky.ts']);
    expect(result.stderr).toBe('');
    expect(ruleIdsOf(result.stdout)).toEqual(RULES);
    const tsc = await runIn(projects.ts, bin(projects.ts, 'tsc'), ['-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  });

  it('the socket-hygiene command runs with no ESLint config of the user\'s, in JS and TS projects', async () => {
    const js = await runIn(projects.cjs, bin(projects.cjs, 'socket-hygiene'), ['--format', 'json', 'leaky.js']);
    expect(ruleIdsOf(js.stdout)).toEqual(RULES);
    expect(js.code).toBe(1);
    const ts = await runIn(projects.ts, bin(projects.ts, 'socket-hygiene'), ['--format', 'json', 'src']);
    expect(ts.stderr).toBe('');
    expect(ruleIdsOf(ts.stdout)).toEqual(RULES);
    expect(ts.code).toBe(1);
  });

  it('node --require socket-hygiene-probe/register serves /status that matches the schema the package ships', async () => {
    const project = projects.esm;
    const projectRequire = createRequire(path.join(project, 'package.json'));
    const schemaPath = projectRequire.resolve('socket-hygiene-probe/status.schema.json');
    expect(schemaPath).toBe(path.join(project, 'node_modules', 'socket-hygiene-probe', 'status.schema.json'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

    const urlFile = path.join(workspace, 'status-url.txt');
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--require', 'socket-hygiene-probe/register', 'server.cjs'], {
      cwd: project,
      env: { ...cleanEnv, SOCKET_HYGIENE_URL_FILE: urlFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const client = new net.Socket();
    try {
      const [portLine] = await once(child.stdout, 'data');
      client.on('error', () => {});
      client.connect(Number(String(portLine).trim()), '127.0.0.1');
      await once(client, 'connect');
      const deadline = Date.now() + 10_000;
      let body;
      while (Date.now() < deadline) {
        if (existsSync(urlFile)) {
          body = await (await fetch(readFileSync(urlFile, 'utf8').trim(), { signal: AbortSignal.timeout(2_000) })).json();
          if (body.activeConnections >= 1) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(validate(body) ? [] : validate.errors).toEqual([]);
      expect(body.schema).toBe(1);
      expect(body.activeConnections).toBe(1);
    } finally {
      client.destroy();
      child.kill();
    }
  });
});
