#!/usr/bin/env node
// The runtime probe's cost to the program it watches: a loopback echo server run with and without
// `--require socket-hygiene-probe/register`, alternating, under the same load (CONNECTIONS concurrent
// connections, ROUND_TRIPS ping-pongs each); and the heap each tracked socket costs.
//   node bench/probe-overhead.mjs            all figures, printed and merged into bench/results.json
//   (npm run bench -- probe does the same through bench/run.mjs)
// A benchmark, not a test: nothing here asserts; the goal (< 3 % throughput loss) is compared in bench/README.md.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchRoot, figure, percentile, printSection, saveSection } from './lib/figures.mjs';

const CONNECTIONS = 1000;
const ROUND_TRIPS = 100; // per connection and run, after WARMUP_ROUND_TRIPS
const WARMUP_ROUND_TRIPS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5); // of each kind, alternating
const MESSAGE = Buffer.alloc(64, 'p');
const POLL_MS = 2000; // the with-probe runs are scraped (/status and /metrics) at the panel's default rate
const MEMORY_SOCKETS = 2000; // connections per memory run (each gives two tracked sockets)
const RUN_TIMEOUT_MS = 60_000;

const self = fileURLToPath(import.meta.url);
const register = path.join(benchRoot, '../probe/src/register.cjs');

/** Starts the echo server in a child, with or without the probe; resolves once it listens. */
async function startEchoServer(withProbe) {
  const args = [...(withProbe ? ['--require', register] : []), self, '--echo-server'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SOCKET_HYGIENE_PORT: '0' } });
  let probeUrl;
  child.stderr.setEncoding('utf8').on('data', (text) => {
    probeUrl ??= /socket-hygiene probe: (\S+)/.exec(text)?.[1];
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`echo server exited (${code})`)));
  });
  const { port } = JSON.parse(line);
  if (withProbe) {
    const deadline = Date.now() + 5000;
    while (probeUrl === undefined && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 10));
    if (probeUrl === undefined) throw new Error('the probe did not print its URL');
  }
  return { port, probeUrl, stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGKILL')))) };
}

function echoServer() {
  const server = net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => socket.write(chunk));
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

/** One connection doing `count` ping-pongs; pushes each round trip's latency (ms) to `latencies`. */
function pingPong(socket, count, latencies) {
  return new Promise((resolve, reject) => {
    let done = 0;
    let received = 0;
    let sentAt = 0n;
    const send = () => {
      received = 0;
      sentAt = process.hrtime.bigint();
      socket.write(MESSAGE);
    };
    const onData = (chunk) => {
      received += chunk.length;
      if (received < MESSAGE.length) return;
      latencies?.push(Number(process.hrtime.bigint() - sentAt) / 1e6);
      if (++done === count) {
        socket.removeListener('data', onData);
        resolve();
      } else send();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    send();
  });
}

/** One run: connect everything, warm up, then measure throughput and latency of the round trips. */
async function loadRun(withProbe) {
  const server = await startEchoServer(withProbe);
  const sockets = [];
  let poller;
  try {
    for (let opened = 0; opened < CONNECTIONS; opened += 100) {
      const batch = Array.from({ length: Math.min(100, CONNECTIONS - opened) }, () =>
        new Promise((resolve, reject) => {
          const socket = net.connect(server.port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
          sockets.push(socket);
        }),
      );
      await Promise.all(batch);
    }
    await Promise.all(sockets.map((socket) => pingPong(socket, WARMUP_ROUND_TRIPS)));
    if (withProbe && !process.env.BENCH_NO_SCRAPE) {
      const base = server.probeUrl.replace(/\/status$/, '');
      const scrape = async () => {
        const [status, metrics] = await Promise.all([fetch(`${base}/status`), fetch(`${base}/metrics`)]);
        const body = await status.json();
        await metrics.text();
        if (body.activeConnections !== CONNECTIONS) throw new Error(`probe counts ${body.activeConnections}, not ${CONNECTIONS}`);
      };
      await scrape();
      scrape().catch((error) => console.error(`scrape failed: ${error.message}`)); // one during the run's first moments too
      poller = setInterval(() => scrape().catch((error) => console.error(`scrape failed: ${error.message}`)), POLL_MS);
    }
    const latencies = [];
    const started = performance.now();
    const timeout = setTimeout(() => {
      throw new Error(`a run took over ${RUN_TIMEOUT_MS} ms`);
    }, RUN_TIMEOUT_MS);
    await Promise.all(sockets.map((socket) => pingPong(socket, ROUND_TRIPS, latencies)));
    clearTimeout(timeout);
    const seconds = (performance.now() - started) / 1000;
    return { throughput: latencies.length / seconds, p99: percentile(latencies, 99) };
  } finally {
    clearInterval(poller);
    for (const socket of sockets) socket.destroy();
    await server.stop();
  }
}

/** Heap bytes the registry adds per tracked socket, measured on sockets that are already open. */
async function memoryRun() {
  const { SocketRegistry } = (await import('../probe/src/socket-registry.js')).default;
  const gc = globalThis.gc;
  const server = net.createServer((socket) => socket.on('error', () => {}));
  await new Promise((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const accepted = [];
  server.on('connection', (socket) => accepted.push(socket));
  const clients = [];
  for (let opened = 0; opened < MEMORY_SOCKETS; opened += 200) {
    await Promise.all(
      Array.from({ length: 200 }, () =>
        new Promise((resolve) => {
          const socket = net.connect(server.address().port, '127.0.0.1', resolve);
          socket.on('error', () => {});
          clients.push(socket);
        }),
      ),
    );
  }
  while (accepted.length < MEMORY_SOCKETS) await new Promise((wake) => setTimeout(wake, 5));
  const sockets = [...clients, ...accepted];
  const registry = new SocketRegistry();
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const before = heap();
  for (const socket of sockets) registry.track(socket, 'opened');
  const after = heap();
  const perSocket = (after - before) / sockets.length;
  if (registry.size !== sockets.length) throw new Error('not every socket was tracked');
  for (const socket of sockets) socket.destroy();
  server.close();
  return perSocket;
}

function memoryRunInChild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', self, '--memory'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output).bytesPerSocket) : reject(new Error(`memory run exited ${code}`))));
  });
}

export async function measureProbeOverhead() {
  const throughputLoss = [];
  const p99Ratio = [];
  const rows = [];
  for (let run = 0; run < RUNS; run++) {
    // Alternate which kind goes first so that a drift of the shared machine does not favour one.
    const order = run % 2 === 0 ? [false, true] : [true, false];
    const results = {};
    for (const withProbe of order) results[withProbe ? 'with' : 'without'] = await loadRun(withProbe);
    throughputLoss.push(1 - results.with.throughput / results.without.throughput);
    p99Ratio.push(results.with.p99 / results.without.p99);
    rows.push(results);
  }
  const bytesPerSocket = [];
  for (let run = 0; run < RUNS; run++) bytesPerSocket.push(await memoryRunInChild());

  console.log(`\nprobe overhead: ${CONNECTIONS} connections x ${ROUND_TRIPS} round trips of ${MESSAGE.length} B, ${RUNS} alternating pairs`);
  console.log('  run  without (rt/s)  with (rt/s)  loss     p99 without  p99 with');
  rows.forEach(({ with: w, without: wo }, run) => {
    console.log(
      `  ${String(run + 1).padEnd(4)} ${wo.throughput.toFixed(0).padStart(14)} ${w.throughput.toFixed(0).padStart(12)}  ${((1 - w.throughput / wo.throughput) * 100).toFixed(1).padStart(5)} %  ${wo.p99.toFixed(2).padStart(8)} ms  ${w.p99.toFixed(2).padStart(6)} ms`,
    );
  });
  return {
    throughputLoss: figure(throughputLoss, 'ratio'),
    p99Ratio: figure(p99Ratio, 'ratio'),
    bytesPerSocket: figure(bytesPerSocket, 'bytes'),
    setup: { connections: CONNECTIONS, roundTrips: ROUND_TRIPS, messageBytes: MESSAGE.length, pollMs: POLL_MS, memorySockets: MEMORY_SOCKETS * 2 },
  };
}

if (process.argv[1] === self) {
  if (process.argv.includes('--echo-server')) echoServer();
  else if (process.argv.includes('--memory')) {
    const bytesPerSocket = await memoryRun();
    process.stdout.write(JSON.stringify({ bytesPerSocket }));
  } else {
    const section = await measureProbeOverhead();
    saveSection('probe', section);
    printSection('probe', section);
    console.log('\nwritten: bench/results.json (key "probe")');
  }
}
