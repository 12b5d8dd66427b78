// The corpus: the published source of popular socket libraries, installed from npm as devDependencies
// of this private workspace. Shared by the real-world check of the rules and by the benchmarks, so both
// read exactly the same files. Left out: tests, examples, benchmarks, browser bundles and minified files,
// and the second copy where a package ships the same code twice (ESM beside CJS).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const corpusRoot = path.dirname(fileURLToPath(import.meta.url));

/** Package name → folders (inside the package) whose JavaScript is linted. */
export const corpusPackages = {
  agentkeepalive: ['lib', 'index.js'],
  amqplib: ['lib', 'channel_api.js', 'callback_api.js'],
  'basic-ftp': ['dist'],
  'engine.io': ['build'],
  'faye-websocket': ['lib'],
  'http-proxy': ['lib', 'index.js'],
  ioredis: ['built'],
  mongodb: ['lib'],
  mqtt: ['build'],
  mysql2: ['lib', 'index.js', 'promise.js'],
  nodemailer: ['dist/cjs'],
  pg: ['lib'],
  'smtp-server': ['dist/cjs'],
  'socket.io': ['dist'],
  socks: ['build'],
  ssh2: ['lib'],
  undici: ['lib', 'index.js'],
  ws: ['lib', 'index.js'],
};

const SOURCE = /\.(?:c|m)?js$/;

// Not require.resolve: several packages do not export './package.json'. npm puts each one either in this
// workspace's node_modules or, hoisted, in the repository's.
function packageRoot(name) {
  for (const modules of [path.join(corpusRoot, 'node_modules'), path.join(corpusRoot, '..', 'node_modules')]) {
    const root = path.join(modules, name);
    if (existsSync(path.join(root, 'package.json'))) return root;
  }
  throw new Error(`corpus package ${name} is not installed: run npm ci at the repository root`);
}

function walk(entry, files) {
  let children;
  try {
    children = readdirSync(entry, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOTDIR') {
      if (SOURCE.test(entry) && !entry.endsWith('.min.js')) files.push(entry);
      return;
    }
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const child of children) {
    if (child.name === 'node_modules') continue;
    walk(path.join(entry, child.name), files);
  }
}

/** Absolute paths of every corpus file, sorted, so that every run and every tool sees the same list. */
export function corpusFiles() {
  const files = [];
  for (const [name, entries] of Object.entries(corpusPackages)) {
    const root = packageRoot(name);
    for (const entry of entries) walk(path.join(root, entry), files);
  }
  return files.sort();
}

/** Lines of the corpus (newline count + 1 per non-empty file), for lines-per-second figures. */
export function countLines(files) {
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (text.length > 0) lines += text.split('\n').length;
  }
  return lines;
}

export function packageOf(file) {
  const marker = `${path.sep}node_modules${path.sep}`;
  const rest = file.slice(file.lastIndexOf(marker) + marker.length);
  const parts = rest.split(path.sep);
  return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

export function versionOf(name) {
  return JSON.parse(readFileSync(path.join(packageRoot(name), 'package.json'), 'utf8')).version;
}
