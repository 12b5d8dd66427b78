// Reads the suite's cases from disk (bugs/<package>/<case-id>/ and clean/<package>/<case-id>/) and checks
// each case.json against the format in README.md, so that a malformed case is named with what is wrong
// instead of being linted half-way or silently skipped.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SUITE_DIR = path.dirname(fileURLToPath(import.meta.url));
export const RULES = ['remove-on-close', 'timeout-ends-socket', 'require-error-listener'];
export const LICENSES = ['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0'];
const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];
const HEX40 = /^[0-9a-f]{40}$/;

function caseDirs(kindDir) {
  if (!existsSync(kindDir)) return [];
  const dirs = [];
  for (const pkg of readdirSync(kindDir).sort()) {
    const pkgDir = path.join(kindDir, pkg);
    if (!statSync(pkgDir).isDirectory()) continue;
    for (const id of readdirSync(pkgDir).sort()) {
      if (statSync(path.join(pkgDir, id)).isDirectory()) dirs.push({ pkg, id, dir: path.join(pkgDir, id) });
    }
  }
  return dirs;
}

/** The one file in `dir` named `<stem>.<ext>` with a source extension, or an error. */
function sourceFile(dir, stem, problems) {
  const found = readdirSync(dir).filter((name) => name.startsWith(`${stem}.`) && EXTENSIONS.includes(path.extname(name)));
  if (found.length !== 1) {
    problems.push(`expected exactly one ${stem}.<js|mjs|cjs|ts> file, found ${found.length ? found.join(', ') : 'none'}`);
    return undefined;
  }
  return path.join(dir, found[0]);
}

function readJson(file, problems) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`case.json: ${existsSync(file) ? `not valid JSON (${error.message})` : 'missing'}`);
    return undefined;
  }
}

function checkCommon(json, { pkg, id }, problems) {
  if (json.id !== id) problems.push(`id ${JSON.stringify(json.id)} does not match its folder ${id}`);
  // a scoped package's folder replaces the slash: @fastify/websocket -> @fastify+websocket
  if (json.package?.replace('/', '+') !== pkg) {
    problems.push(`package ${JSON.stringify(json.package)} does not match its folder ${pkg}`);
  }
  if (typeof json.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(json.repository)) {
    problems.push('repository must be "owner/name"');
  }
  if (!LICENSES.includes(json.license)) problems.push(`license must be one of ${LICENSES.join(', ')}`);
  if (typeof json.file !== 'string' || !json.file) problems.push('file must name the file in the package');
}

function checkBug(json, text, problems) {
  for (const field of ['buggyCommit', 'fixCommit']) {
    if (!HEX40.test(json[field] ?? '')) problems.push(`${field} must be 40 lower-case hex digits`);
  }
  for (const field of ['buggyVersion', 'fixedVersion', 'why']) {
    if (typeof json[field] !== 'string' || !json[field]) problems.push(`${field} must be a non-empty string`);
  }
  if (!Number.isInteger(json.batch) || json.batch < 1) problems.push('batch must be a positive integer');
  if (!RULES.includes(json.rule)) problems.push(`rule must be one of ${RULES.join(', ')}`);
  if (!Number.isInteger(json.class) || json.class < 0 || json.class > 8) problems.push('class must be 0-8');
  if (typeof json.singleFile !== 'boolean') problems.push('singleFile must be true or false');
  if (json.singleFile === false && !json.singleFileNote) problems.push('singleFile false needs a singleFileNote');
  const lines = json.bugLines;
  const lineCount = text === undefined ? Infinity : text.split('\n').length;
  if (
    !Array.isArray(lines) || lines.length !== 2 || !lines.every(Number.isInteger) ||
    lines[0] < 1 || lines[1] < lines[0] || lines[1] > lineCount
  ) {
    problems.push(`bugLines must be [first, last] with 1 <= first <= last <= ${lineCount} (lines of before)`);
  }
}

/**
 * @param {string} [root] the suite's folder (tests pass a temporary one)
 * @returns {{ bugs: object[], clean: object[], problems: string[] }} every case with its texts, and every
 *   problem found, as `<kind>/<package>/<case-id>: <what is wrong>`.
 */
export function readSuite(root = SUITE_DIR) {
  const bugs = [];
  const clean = [];
  const problems = [];
  for (const kind of ['bugs', 'clean']) {
    const kindDir = path.join(root, kind);
    const licensed = new Set();
    for (const where of caseDirs(kindDir)) {
      const own = [];
      const json = readJson(path.join(where.dir, 'case.json'), own);
      if (!licensed.has(where.pkg)) {
        licensed.add(where.pkg);
        if (!existsSync(path.join(kindDir, where.pkg, 'LICENSE'))) problems.push(`${kind}/${where.pkg}: LICENSE missing`);
      }
      if (json) {
        checkCommon(json, where, own);
        if (kind === 'bugs') {
          const before = sourceFile(where.dir, 'before', own);
          const after = sourceFile(where.dir, 'after', own);
          const beforeText = before && readFileSync(before, 'utf8');
          checkBug(json, beforeText, own);
          if (before && after && path.extname(before) !== path.extname(after)) own.push('before and after differ in extension');
          if (!own.length) bugs.push({ ...json, before, after, beforeText, afterText: readFileSync(after, 'utf8') });
        } else {
          if (typeof json.version !== 'string' || !json.version) own.push('version must be a non-empty string');
          if (typeof json.why !== 'string' || !json.why) own.push('why must be a non-empty string');
          const file = sourceFile(where.dir, 'file', own);
          if (!own.length) clean.push({ ...json, path: file, text: readFileSync(file, 'utf8') });
        }
      }
      for (const problem of own) problems.push(`${kind}/${where.pkg}/${where.id}: ${problem}`);
    }
  }
  const seen = new Set();
  for (const entry of [...bugs, ...clean]) {
    if (seen.has(entry.id)) problems.push(`${entry.id}: the same id twice`);
    seen.add(entry.id);
  }
  return { bugs, clean, problems };
}
