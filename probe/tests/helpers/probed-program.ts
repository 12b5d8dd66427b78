// Runs a small program under the probe (`--require .../register.cjs` or `--import .../register.mjs`)
// and talks to its status endpoint over loopback. Every child is killed when the test ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { assertStatus, type Status } from './status-schema.ts';

export const probeDir = resolve(import.meta.dirname, '../..');
export const programsDir = resolve(import.meta.dirname, '../programs');
export const certsDir = resolve(import.meta.dirname, '../certs');
export const fixturesDir = resolve(import.meta.dirname, '../../../test-fixtures');

export type Loader = 'require' | 'import';

export interface ProbedProgram {
  child: ChildProcess;
  /** the probe's /status URL */
  url: string;
  /** the program's first JSON line on stdout */
  hello: Record<string, unknown>;
  /** stdout JSON lines after the first */
  lines: Array<Record<string, unknown>>;
  stderr: () => string;
  status: (init?: RequestInit) => Promise<Status>;
  metricsText: (init?: RequestInit) => Promise<string>;
  /** POST /retention: the HTTP status and the JSON body */
  retention: (init?: RequestInit) => Promise<{ code: number; body: Record<string, unknown> }>;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function killAll(): Promise<void> {
  await Promise.all([...running].map(stopChild));
}

function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

export async function startProbed(
  program: string,
  args: string[] = [],
  { loader = 'require', env = {} }: { loader?: Loader; env?: Record<string, string> } = {},
): Promise<ProbedProgram> {
  const scratch = mkdtempSync(join(tmpdir(), 'probe-test-'));
  const urlFile = join(scratch, 'url');
  const register = loader === 'require' ? join(probeDir, 'src/register.cjs') : join(probeDir, 'src/register.mjs');
  const file = isAbsolute(program) ? program : join(programsDir, program);
  const child = spawn(process.execPath, [`--${loader}`, register, file, ...args], {
    env: { ...process.env, SOCKET_HYGIENE_URL_FILE: urlFile, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const lines: Array<Record<string, unknown>> = [];
  let firstLineSeen = false;
  const firstLine = new Promise<Record<string, unknown>>((resolveLine, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as Record<string, unknown>;
      if (!firstLineSeen) {
        firstLineSeen = true;
        resolveLine(message);
      } else lines.push(message);
    });
    child.once('exit', (code) => reject(new Error(`${program} exited (${code}) before it was ready:\n${stderr}`)));
  });
  const hello = await withTimeout(firstLine, 10_000, `${program} did not start`);
  const url = await waitFor(
    () => {
      try {
        return readFileSync(urlFile, 'utf8').trim() || undefined;
      } catch {
        return undefined;
      }
    },
    (value) => value !== undefined,
    { what: 'the probe URL file' },
  );
  const base = url!.replace(/\/status$/, '');
  return {
    child,
    url: url!,
    hello,
    lines,
    stderr: () => stderr,
    status: async (init) => {
      const response = await fetch(url!, init);
      if (response.status !== 200) throw new Error(`GET /status answered ${response.status}`);
      const body: unknown = await response.json();
      assertStatus(body);
      return body;
    },
    metricsText: async (init) => {
      const response = await fetch(`${base}/metrics`, init);
      if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}`);
      return response.text();
    },
    retention: async (init) => {
      const response = await fetch(`${base}/retention`, { method: 'POST', ...init });
      const json = response.headers.get('content-type')?.startsWith('application/json');
      const body = json ? ((await response.json()) as Record<string, unknown>) : { text: await response.text() };
      return { code: response.status, body };
    },
    stop: () => stopChild(child),
  };
}

/** Polls `read` until `done` holds, at most `timeoutMs`; returns the last value. */
export async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 5000, intervalMs = 25, what = 'a condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((wake) => setTimeout(wake, intervalMs));
    value = await read();
  }
  return value;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms))),
  ]).finally(() => clearTimeout(timer));
}
