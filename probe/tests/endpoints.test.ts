// The probe's endpoints: Prometheus text that a parser reads, bearer tokens, its own sockets left out,
// and a probe that cannot listen never harms the program it watches.
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, expect, it } from 'vitest';
import { killAll, probeDir, programsDir, startProbed, waitFor } from './helpers/probed-program.ts';

afterEach(killAll);

interface Family {
  name: string;
  type: string;
  metrics: Array<{ value: string; labels?: Record<string, string> }>;
}

it('serves /metrics in the Prometheus text format', async () => {
  const program = await startProbed('server.cjs');
  const client = net.connect(program.hello.port as number, '127.0.0.1');
  client.on('error', () => {});
  await waitFor(async () => (await program.status()).activeConnections, (n) => n === 1, { what: 'one connection' });
  client.write('hello');
  await waitFor(() => program.status(), (s) => s.connections[0]?.bytesWritten === 5, { what: 'the echo' });

  const families = parsePrometheusTextFormat(await program.metricsText()) as Family[];
  const value = (name: string) => Number(families.find((family) => family.name === name)?.metrics[0]?.value);
  expect(families.map((family) => [family.name, family.type])).toEqual([
    ['socket_hygiene_connections_active', 'GAUGE'],
    ['socket_hygiene_connections_accepted_total', 'COUNTER'],
    ['socket_hygiene_connections_opened_total', 'COUNTER'],
    ['socket_hygiene_connections_closed_total', 'COUNTER'],
    ['socket_hygiene_close_wait_sockets', 'GAUGE'],
    ['socket_hygiene_connections_without_error_listener', 'GAUGE'],
    ['socket_hygiene_connections_idle_over_timeout', 'GAUGE'],
    ['socket_hygiene_retained_after_close', 'GAUGE'],
    ['socket_hygiene_source_connections_active', 'GAUGE'],
    ['socket_hygiene_source_retained_after_close', 'GAUGE'],
    ['socket_hygiene_source_without_error_listener', 'GAUGE'],
    ['socket_hygiene_source_idle_over_timeout', 'GAUGE'],
    ['socket_hygiene_source_close_wait', 'GAUGE'],
    ['socket_hygiene_bytes_read_total', 'COUNTER'],
    ['socket_hygiene_bytes_written_total', 'COUNTER'],
  ]);
  expect(value('socket_hygiene_connections_active')).toBe(1);
  expect(value('socket_hygiene_bytes_read_total')).toBe(5);
  expect(value('socket_hygiene_bytes_written_total')).toBe(5);
  client.destroy();
});

it('answers 401 without the right bearer token, on both endpoints', async () => {
  const program = await startProbed('server.cjs', [], { env: { SOCKET_HYGIENE_TOKEN: 's3cret-token' } });
  const base = program.url.replace(/\/status$/, '');
  for (const path of ['/status', '/metrics']) {
    expect((await fetch(base + path)).status).toBe(401);
    expect((await fetch(base + path, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(base + path, { headers: { authorization: 'Bearer s3cret-token-and-more' } })).status).toBe(401);
    expect((await fetch(base + path, { headers: { authorization: 's3cret-token' } })).status).toBe(401);
    expect((await fetch(base + path, { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
  }
});

it('leaves its own server and sockets out of what it reports', async () => {
  const program = await startProbed('server.cjs');
  // fetch keeps its connection to the probe alive between requests: it must never show up.
  for (let poll = 0; poll < 5; poll++) {
    const status = await program.status();
    expect(status.activeConnections).toBe(0);
    expect(status.connections).toEqual([]);
  }
  const metrics = await program.metricsText();
  expect(metrics).toMatch(/^socket_hygiene_connections_accepted_total 0$/m);
  expect(metrics).toMatch(/^socket_hygiene_connections_active 0$/m);
});

it('prints its URL once on stderr', async () => {
  const program = await startProbed('server.cjs');
  const announced = () => program.stderr().split('\n').filter((line) => line.startsWith('socket-hygiene probe: '));
  // The URL file is written before the line reaches our pipe, so wait for the line itself.
  await waitFor(announced, (found) => found.length > 0, { what: 'the URL on stderr' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const lines = announced();
  expect(lines).toEqual([`socket-hygiene probe: ${program.url}`]);
  expect(program.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/status$/);
});

it('lets the program exit by itself, and warns once when it cannot listen', () => {
  const blocker = spawnSync(
    process.execPath,
    ['-e', 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'],
    { encoding: 'utf8' },
  );
  const register = join(probeDir, 'src/register.cjs');
  const idle = join(programsDir, 'idle.cjs');
  const plain = spawnSync(process.execPath, ['--require', register, idle], { encoding: 'utf8', timeout: 10_000 });
  expect(plain.status).toBe(0);

  // Two probes on one fixed port: the second cannot listen; its program still runs and exits 0.
  const port = blocker.stdout.trim();
  const holder = spawnSync(
    process.execPath,
    [
      '-e',
      `const {spawnSync}=require('child_process');
       require('net').createServer().listen(${port},'127.0.0.1',function(){
         const r=spawnSync(process.execPath,['--require',${JSON.stringify(register)},${JSON.stringify(idle)}],{encoding:'utf8',env:{...process.env,SOCKET_HYGIENE_PORT:'${port}'}});
         process.stdout.write(JSON.stringify({status:r.status,stderr:r.stderr}));this.close();});`,
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  const busy = JSON.parse(holder.stdout) as { status: number; stderr: string };
  expect(busy.status).toBe(0);
  expect(busy.stderr.match(/socket-hygiene probe \(listen\)/g)?.length).toBe(1);
  expect(busy.stderr).toContain('EADDRINUSE');
});
