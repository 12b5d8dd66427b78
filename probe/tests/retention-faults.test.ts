// Bad input and faults around the retention check: each gets a clear answer and the program runs on.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { closedClients } from './helpers/closed-clients.ts';
import { killAll, startProbed, waitFor, type ProbedProgram } from './helpers/probed-program.ts';

afterEach(killAll);

/** The program still echoes and still answers /status. */
async function stillRuns(program: ProbedProgram): Promise<void> {
  expect(program.child.exitCode).toBeNull();
  await closedClients(program.hello.port as number, 1);
  expect((await program.status()).pid).toBe(program.child.pid);
}

it('refuses with 413 above SOCKET_HYGIENE_RETENTION_MAX_HEAP, naming the limit', async () => {
  const program = await startProbed('keeps-closed.cjs', ['keep'], { env: { SOCKET_HYGIENE_RETENTION_MAX_HEAP: '1M' } });
  await closedClients(program.hello.port as number, 2);
  const { code, body } = await program.retention();
  expect(code).toBe(413);
  expect(body.error).toMatch(/over the limit of 1 MiB.*SOCKET_HYGIENE_RETENTION_MAX_HEAP/);
  await stillRuns(program);
});

it('runs one check at a time: a second concurrent request gets 409', async () => {
  const program = await startProbed('keeps-closed.cjs', ['keep']);
  await closedClients(program.hello.port as number, 3);
  const [first, second] = await Promise.all([program.retention(), sleep(50).then(() => program.retention())]);
  expect(first.code).toBe(200);
  expect(first.body.retainedAfterClose).toBe(3);
  expect(second.code).toBe(409);
  expect(second.body.error).toMatch(/already running/);
  expect((await program.retention()).code).toBe(200); // and the next one runs again
  await stillRuns(program);
});

it('answers 503 when the analysis process cannot start', async () => {
  const program = await startProbed('keeps-closed.cjs', ['keep'], { env: { SOCKET_HYGIENE_RETENTION_NODE: '/nonexistent/node' } });
  await closedClients(program.hello.port as number, 2);
  const { code, body } = await program.retention();
  expect(code).toBe(503);
  expect(body.error).toMatch(/could not start.*ENOENT/);
  await stillRuns(program);
});

it('answers 503 when the analysis process dies, and forgets no count', async () => {
  // /bin/false starts, reads nothing and exits 1 while the snapshot is still streaming to it
  const program = await startProbed('keeps-closed.cjs', ['keep'], { env: { SOCKET_HYGIENE_RETENTION_NODE: '/bin/false' } });
  await closedClients(program.hello.port as number, 2);
  const { code, body } = await program.retention();
  expect(code).toBe(503);
  expect(body.error).toMatch(/analysis process exited with code 1.*not affected/);
  // the snapshot's full collections still ran: the count is exact even without the paths
  expect((await program.status()).retainedAfterClose).toBe(2);
  await stillRuns(program);
});

it('answers 503 when the analysis process is killed mid-way', async () => {
  const program = await startProbed('keeps-closed.cjs', ['big', '10']);
  await closedClients(program.hello.port as number, 2);
  const answer = program.retention();
  const pid = await waitFor(() => analysisChild(program.child.pid!), (found) => found !== undefined, {
    what: 'the analysis process',
    intervalMs: 5,
  });
  process.kill(pid!, 'SIGKILL');
  const { code, body } = await answer;
  expect(code).toBe(503);
  expect(body.error).toMatch(/was killed \(SIGKILL\)/);
  await stillRuns(program);
}, 120_000);

it('answers 503 when the analysis process stops reading, and stops it after 10 s without progress', async () => {
  const neverReads = new URL('./programs/never-reads.sh', import.meta.url).pathname;
  const program = await startProbed('keeps-closed.cjs', ['keep'], { env: { SOCKET_HYGIENE_RETENTION_NODE: neverReads } });
  await closedClients(program.hello.port as number, 2);
  const started = Date.now();
  const { code, body } = await program.retention();
  expect(code).toBe(503);
  expect(body.error).toMatch(/read nothing for 10 s and was stopped.*not affected/);
  expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
  // killed (the script became `sleep 120`); a dead child's command line is empty
  expect(await analysisChild(program.child.pid!, 'sleep')).toBeUndefined();
  expect((await program.status()).retainedAfterClose).toBe(2);
  await stillRuns(program);
}, 120_000);

it("still counts sockets of a program that removes every 'close' listener", async () => {
  const program = await startProbed('keeps-closed.cjs', ['strip-close']);
  await closedClients(program.hello.port as number, 3);
  // the probe did not hear 'close': it sees the socket closed on its next look instead
  await waitFor(async () => (await program.status()).activeConnections, (n) => n === 0, { what: 'all seen closed' });
  const { code, body } = await program.retention();
  expect(code).toBe(200);
  expect(body.retainedAfterClose).toBe(3);
  expect((body.groups as Array<{ path: string[] }>)[0]!.path[0]).toMatch(/^kept \(Set\)/);
  await stillRuns(program);
});

it('counts client sockets that never connected and are kept, at the call that opened them', async () => {
  const program = await startProbed('keeps-closed.cjs', ['refused', '3']);
  expect(program.hello.refused).toBe(3);
  const { code, body } = await program.retention();
  expect(code).toBe(200);
  expect(body.retainedAfterClose).toBe(3);
  const status = await program.status();
  expect(status.activeConnections).toBe(0);
  const client = status.sources!.find((source) => source.kind === 'client');
  expect(client).toMatchObject({ retainedAfterClose: 3, active: 0, location: expect.stringMatching(/keeps-closed\.cjs:\d+:\d+$/) });
});

/** pid of the program's child whose command line has `name` (analysis-process.js), from /proc */
async function analysisChild(parent: number, name = 'analysis-process.js'): Promise<number | undefined> {
  const { readdir, readFile } = await import('node:fs/promises');
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      if ((await readFile(`/proc/${entry}/cmdline`, 'utf8')).includes(name)) return Number(entry);
    } catch {
      // the process ended between readdir and readFile
    }
  }
  return undefined;
}
