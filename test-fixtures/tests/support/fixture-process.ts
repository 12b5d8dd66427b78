// Starts fixture programs as child processes on ephemeral ports and always cleans them up.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { waitUntil } from './wait-until.js';

export const fixturesDir = fileURLToPath(new URL('../..', import.meta.url));
const repoRoot = path.resolve(fixturesDir, '..');

export interface FixtureProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The program's own server port, from its ready line (clients have none). */
  port: number;
  statusUrl: string;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited and its output is all read, with its exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** How many stdout lines match. */
  countLines(pattern: RegExp): number;
}

/**
 * Waits until the fixture's stdout or stderr matches: output travels on its own pipe, so it can
 * arrive after a status response that was sent later.
 */
export function waitForOutput(fixture: FixtureProcess, stream: 'stdout' | 'stderr', pattern: RegExp, count = 1): Promise<true> {
  const lines = () => fixture[stream]().split('\n').filter((line) => pattern.test(line)).length;
  return waitUntil(
    () => {
      if (lines() >= count) return true;
      throw new Error(`${stream} so far:\n${fixture[stream]()}`);
    },
    { what: `${count} ${stream} line(s) of ${fixture.name} matching ${pattern}` },
  );
}

const running = new Set<ChildProcess>();
let built: Promise<unknown> | undefined;

/** Builds the TypeScript fixtures once per test worker (the build writes atomically). */
export function buildFixturesOnce(): Promise<unknown> {
  built ??= promisify(execFile)(process.execPath, [path.join(repoRoot, 'scripts/build-fixtures.mjs')], { cwd: repoRoot });
  return built;
}

/** The file Node runs for a fixture source: TypeScript is run from its compiled twin in dist/. */
export function runnablePath(source: string): string {
  if (source.endsWith('.mts')) return path.join(fixturesDir, 'dist', source.replace(/\.mts$/, '.mjs'));
  if (/\.c?ts$/.test(source)) return path.join(fixturesDir, 'dist', source.replace(/\.c?ts$/, '.js'));
  return path.join(fixturesDir, source);
}

/** Spawns a fixture without waiting for it to be ready. */
export async function spawnFixture(source: string, env: Record<string, string> = {}): Promise<FixtureProcess> {
  if (/\.[cm]?ts$/.test(source)) await buildFixturesOnce();
  const file = runnablePath(source);
  if (!existsSync(file)) throw new Error(`no such fixture: ${file}`);
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, PORT: '0', STATUS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (err += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' rather than 'exit': by then stdout and stderr have been read to the end.
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    name: source,
    child,
    port: 0,
    statusUrl: '',
    stdout: () => out,
    stderr: () => err,
    exited,
    countLines: (pattern) => out.split('\n').filter((line) => pattern.test(line)).length,
  };
}

const readyLine = /^ready: (?:port=(\d+) )?status=(http:\/\/127\.0\.0\.1:\d+\/status)$/m;

/** Spawns a fixture and waits for its ready line: `ready: port=<P> status=<url>`. */
export async function startFixture(source: string, env: Record<string, string> = {}): Promise<FixtureProcess> {
  const fixture = await spawnFixture(source, env);
  let exitedEarly = false;
  void fixture.exited.then(() => (exitedEarly = true));
  const match = await waitUntil(
    () => {
      if (exitedEarly) throw new Error(`${source} exited before it was ready:\n${fixture.stderr()}`);
      return readyLine.exec(fixture.stdout()) ?? undefined;
    },
    { what: `${source} to print its ready line`, timeoutMs: 15_000, intervalMs: 10 },
  );
  fixture.port = Number(match[1] ?? 0);
  fixture.statusUrl = match[2] ?? '';
  return fixture;
}

/** Kills every fixture this worker started and waits for them to exit; for afterEach. */
export async function stopAllFixtures(): Promise<void> {
  const exits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (!running.has(child)) return resolve();
        child.once('close', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(exits);
}
