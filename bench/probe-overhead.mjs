#!/usr/bin/env node
// The runtime probe's cost to the program it watches: a loopback echo server run with and without
// `--require socket-hygiene-probe/register`, alternating, under the same load (CONNECTIONS concurrent
// connections, ROUND_TRIPS ping-pongs each; and churn: CHURN_CONNECTIONS short-lived connections);
// the heap each tracked socket costs; the cost of one source location; and POST /retention on a
// program with a ~200 MB heap against a bare v8.getHeapSnapshot() of the same heap.
// Sources and retention tracking are always on in the probe: every with-probe run includes them.
//   node bench/probe-overhead.mjs            all figures, printed and merged into bench/results.json
//   (npm run bench -- probe does the same through bench/run.mjs)
// A benchmark, not a test: nothing here asserts; the goal (< 3 % throughput loss) is compared in bench/README.md.
import { spawn } from 'node:child_process';
import { alternate, pauser, pinning, quartiles, spawnPinned, startLoadGenerator } from './lib/paired-rounds.mjs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { benchRoot, figure, printSection, saveSection } from './lib/figures.mjs';

const CONNECTIONS = 1000;
const ROUND_TRIPS = 100; // per connection and round (about POLL_MS on an idle machine), after WARMUP_ROUND_TRIPS
const WARMUP_ROUND_TRIPS = 5;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LOAD_PAIRS = Number(process.env.BENCH_PAIRS ?? RUNS * 2); // measured pairs of load rounds, and of churn rounds
const WARMUP_PAIRS = 2; // discarded
const LOAD_BUDGET_MS = 150_000; // no new pair starts after this (the pairs so far are kept)
const CHURN_BUDGET_MS = 60_000;
const MESSAGE = Buffer.alloc(64, 'p');
const POLL_MS = 2000; // the with-probe runs are scraped (/status and /metrics) at the panel's default rate
const MEMORY_SOCKETS = 2000; // connections per memory run (each gives two tracked sockets)
const RUN_TIMEOUT_MS = 60_000;
const CHURN_CONNECTIONS = 2000; // per churn round: connect, one ping-pong, end
const CHURN_CONCURRENCY = 50;
const RETENTION_HEAP_MB = 200;
const RETENTION_RUNS = Number(process.env.BENCH_RETENTION_RUNS ?? 2); // pairs of (bare snapshot, POST /retention)
const RETENTION_ECHO_CONNECTIONS = 50; // ping-ponging all through the check: none may drop
const RETAINED_SOCKETS = 20; // closed sockets the retention program keeps, for the check to find

const self = fileURLToPath(import.meta.url);
const register = path.join(benchRoot, '../probe/src/register.cjs');

/** Starts the echo server in a child, with or without the probe; resolves once it listens. */
/** `withProbe`: false, true (this probe), or the path of another probe's register.cjs (BENCH_PROBE_BASELINE). */
async function startEchoServer(withProbe, extraArgs = [], pin = []) {
  const args = [...(withProbe ? ['--require', typeof withProbe === 'string' ? withProbe : register] : []), self, '--echo-server', ...extraArgs];
  const child = spawnPinned(pin, process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SOCKET_HYGIENE_PORT: '0' } });
  const lines = createInterface({ input: child.stdout });
  let probeUrl;
  child.stderr.setEncoding('utf8').on('data', (text) => {
    probeUrl ??= /socket-hygiene probe: (\S+)/.exec(text)?.[1];
  });
  const line = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`echo server exited (${code})`)));
  });
  /** Sends one command line to the server (see echoServer) and resolves with its JSON answer. */
  const ask = (command) =>
    new Promise((resolve) => {
      lines.once('line', (answer) => resolve(JSON.parse(answer)));
      child.stdin.write(`${command}\n`);
    });
  const { port } = JSON.parse(line);
  if (withProbe) {
    const deadline = Date.now() + 5000;
    while (probeUrl === undefined && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 10));
    if (probeUrl === undefined) throw new Error('the probe did not print its URL');
  }
  return { port, probeUrl, pid: child.pid, ask, stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGKILL')))) };
}

function echoServer() {
  // --retention: a heap of about RETENTION_HEAP_MB of small objects, closed sockets kept in a Set, and
  // a stall meter (the longest gap between 1 ms timer ticks), read and reset with the "gap" command.
  const retention = process.argv.includes('--retention');
  const kept = new Set();
  const ballast = [];
  let last = performance.now();
  let gap = 0;
  if (retention) {
    while (process.memoryUsage().heapUsed < RETENTION_HEAP_MB * 2 ** 20) {
      for (let i = 0; i < 10_000; i++) ballast.push({ id: ballast.length, name: `item ${ballast.length}`, tags: [ballast.length & 7] });
    }
    last = performance.now();
    setInterval(() => {
      const now = performance.now();
      gap = Math.max(gap, now - last);
      last = now;
    }, 1);
  }
  createInterface({ input: process.stdin }).on('line', (command) => {
    if (command === 'cpu') {
      // the server's own CPU time (µs), for the per-round-trip cross-check of the load rounds
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpuUs: user + system })}\n`);
    } else if (retention && command === 'gap') {
      process.stdout.write(`${JSON.stringify({ gapMs: gap, heapUsed: process.memoryUsage().heapUsed, ballast: ballast.length })}\n`);
      gap = 0;
      last = performance.now();
    } else if (retention && command === 'bare-snapshot') {
      const started = performance.now();
      const snapshot = v8.getHeapSnapshot();
      let bytes = 0;
      snapshot.on('data', (chunk) => (bytes += chunk.length));
      snapshot.on('end', () => process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, bytes })}\n`));
    }
  });
  const server = net.createServer((socket) => {
    if (retention) kept.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => socket.write(chunk));
  });
  server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
  });
}

/**
 * The echo servers without and with the probe, started once, and the load generator; closes them all
 * when `use` settles. Investigation knobs: BENCH_PROBE_AA=1, both servers probe-less (to measure the
 * measure); BENCH_PROBE_BASELINE=<path of another probe's register.cjs>, the "without" server runs that
 * probe instead of none (to compare two versions of the probe side by side).
 */
async function withEchoPair(use) {
  const pin = pinning();
  const pause = pauser(process.env.BENCH_PROBE_PAUSE !== '0');
  const aa = process.env.BENCH_PROBE_AA === '1';
  const baseline = process.env.BENCH_PROBE_BASELINE;
  const servers = {};
  let load;
  try {
    // The probed server starts (and is connected to) first: in A/A runs the server started second came out
    // a few per cent faster, so this order can only make the probe look worse, never better.
    servers.with = await startEchoServer(!aa, [], pin.server);
    servers.without = await startEchoServer(process.env.BENCH_PROBE_BASELINE ?? false, [], pin.server);
    load = startLoadGenerator(pin.load);
    return await use({ servers, load, pause, pin, aa, baseline });
  } finally {
    for (const server of Object.values(servers)) {
      pause.resume(server);
      await server.stop();
    }
    await load?.stop();
  }
}

/** Scrapes /status and /metrics as the panel does; checks the probe counts exactly `expected` connections. */
async function scrape(server, expected) {
  const base = server.probeUrl.replace(/\/status$/, '');
  const [status, metrics] = await Promise.all([fetch(`${base}/status`), fetch(`${base}/metrics`)]);
  const body = await status.json();
  await metrics.text();
  if (expected !== undefined && body.activeConnections !== expected) throw new Error(`probe counts ${body.activeConnections}, not ${expected}`);
}

/**
 * Keep-alive load: CONNECTIONS connections to each server, then paired rounds of ROUND_TRIPS round trips
 * per connection. Each round: resume its server, read its CPU time, (with the probe: scrape at once and
 * every POLL_MS while the round runs), run the round, read the CPU time again, pause the server.
 */
async function loadPairs() {
  return withEchoPair(async ({ servers, load, pause, pin, aa, baseline }) => {
    // which servers run a probe, and so are scraped
    const scraped = process.env.BENCH_NO_SCRAPE ? { with: false, without: false } : { with: !aa, without: baseline !== undefined };
    for (const [name, server] of Object.entries(servers)) {
      await load.ask({ cmd: 'connect', name, port: server.port, connections: CONNECTIONS, warmup: WARMUP_ROUND_TRIPS });
      if (scraped[name]) await scrape(server, CONNECTIONS); // loads prom-client
      pause.pause(server);
    }
    let lateScrapes = 0;
    const round = async (kind) => {
      const server = servers[kind];
      pause.resume(server);
      try {
        const cpuBefore = (await server.ask('cpu')).cpuUs;
        const scrapes = [];
        let poller;
        if (scraped[kind]) {
          const once = () => scrapes.push(scrape(server, CONNECTIONS).then(() => performance.now()));
          once();
          poller = setInterval(once, POLL_MS);
        }
        const result = await load.ask({ cmd: 'round', name: kind, roundTrips: ROUND_TRIPS, timeoutMs: RUN_TIMEOUT_MS });
        const endedAt = performance.now();
        clearInterval(poller);
        for (const scrapeEnd of await Promise.all(scrapes)) if (scrapeEnd > endedAt) lateScrapes++;
        const cpuUs = (await server.ask('cpu')).cpuUs - cpuBefore;
        return {
          throughput: result.roundTrips / (result.ms / 1000),
          p99: result.p99,
          cpuUsPerRoundTrip: cpuUs / result.roundTrips,
          busy: cpuUs / 1000 / result.ms, // the server's share of one core during the round
          scrapes: scrapes.length,
        };
      } finally {
        pause.pause(server);
      }
    };
    const pairs = await alternate({ pairs: LOAD_PAIRS, warmupPairs: WARMUP_PAIRS, budgetMs: LOAD_BUDGET_MS, round });
    return { pairs, lateScrapes, pinned: pin.on, paused: pause.on, aa, baseline };
  });
}

/** Short-lived connections, paired rounds of CHURN_CONNECTIONS (connect, one ping-pong, end), CHURN_CONCURRENCY at a time. */
async function churnPairs() {
  return withEchoPair(async ({ servers, load, pause }) => {
    for (const server of Object.values(servers)) pause.pause(server);
    const round = async (kind) => {
      const server = servers[kind];
      pause.resume(server);
      try {
        const cpuBefore = (await server.ask('cpu')).cpuUs;
        const result = await load.ask({ cmd: 'churn', port: server.port, connections: CHURN_CONNECTIONS, concurrency: CHURN_CONCURRENCY, timeoutMs: RUN_TIMEOUT_MS });
        const cpuUs = (await server.ask('cpu')).cpuUs - cpuBefore;
        return { throughput: result.connections / (result.ms / 1000), cpuUsPerConnection: cpuUs / result.connections };
      } finally {
        pause.pause(server);
      }
    };
    return alternate({ pairs: LOAD_PAIRS, warmupPairs: WARMUP_PAIRS, budgetMs: CHURN_BUDGET_MS, round });
  });
}

/** A figure with its interquartile range beside min – max. */
const spread = (values, unit) => ({ ...figure(values, unit), ...quartiles(values) });

/** Nanoseconds for one source location of a client socket (a call site already seen: the cached path). */
async function sourceCaptureNs() {
  const { programLocation } = (await import('../probe/src/socket-source.js')).default;
  const CALLS = 100_000;
  // a few frames between the program's call and the capture, as net.connect → channel → probe has
  const inner = () => programLocation();
  const middle = () => inner();
  const outer = () => middle();
  for (let i = 0; i < 1000; i++) outer();
  const started = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) outer();
  return Number(process.hrtime.bigint() - started) / CALLS;
}

/** Peak RSS (VmHWM, kB) of a process, 0 once it is gone. */
function peakRssKb(pid) {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resets a process's peak RSS (VmHWM) to its current RSS (Linux: clear_refs 5); false where it cannot. */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Children of `pid` (from /proc). */
function childrenOf(pid) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

/**
 * POST /retention on a program with a ~200 MB heap, beside a bare v8.getHeapSnapshot() of the same heap
 * (serialised and read to the end, as the probe's is): the program's longest stall for each, the time
 * from request to answer, the peak RSS of the program plus the analysis process, and whether any of the
 * echo connections that ping-pong all the while dropped.
 */
async function retentionRuns() {
  const server = await startEchoServer(true, ['--retention']);
  const sockets = [];
  let dropped = 0;
  let pinging = true;
  try {
    for (let i = 0; i < RETAINED_SOCKETS; i++) {
      await new Promise((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1', () => socket.end());
        socket.resume();
        socket.on('error', () => {});
        socket.on('close', resolve);
      });
    }
    // Each echo connection sends its next message as soon as the last one came back, until the end.
    const loops = [];
    for (let i = 0; i < RETENTION_ECHO_CONNECTIONS; i++) {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(MESSAGE));
      socket.on('error', () => dropped++);
      socket.on('close', () => pinging && dropped++);
      let received = 0;
      loops.push(
        new Promise((resolve) => {
          socket.on('data', (chunk) => {
            received += chunk.length;
            if (received < MESSAGE.length) return;
            received = 0;
            if (pinging) socket.write(MESSAGE);
            else resolve();
          });
        }),
      );
      sockets.push(socket);
    }
    const { heapUsed } = await server.ask('gap');
    const stalls = { bare: [], probe: [] };
    const retentionMs = [];
    const peakRssMb = [];
    const programPeakRssMb = [];
    const analysisPeakRssMb = [];
    const barePeakRssMb = [];
    const textMb = [];
    const bareMs = [];
    let retained;
    for (let run = 0; run < RETENTION_RUNS; run++) {
      for (const kind of run % 2 === 0 ? ['bare', 'probe'] : ['probe', 'bare']) {
        await new Promise((wake) => setTimeout(wake, 500));
        await server.ask('gap'); // reset
        // each peak from this request on, where Linux lets the peak be reset; else over the program's life
        const reset = resetPeakRss(server.pid);
        if (kind === 'bare') {
          const { ms, bytes } = await server.ask('bare-snapshot');
          bareMs.push(ms);
          textMb.push(bytes / 2 ** 20);
          if (reset) barePeakRssMb.push(peakRssKb(server.pid) / 1024);
        } else {
          const base = server.probeUrl.replace(/\/status$/, '');
          let childPeak = 0;
          const programBefore = reset ? 0 : peakRssKb(server.pid);
          const sampler = setInterval(() => {
            for (const child of childrenOf(server.pid)) childPeak = Math.max(childPeak, peakRssKb(child));
          }, 20);
          const started = performance.now();
          const response = await fetch(`${base}/retention`, { method: 'POST' });
          const body = await response.json();
          retentionMs.push(performance.now() - started);
          clearInterval(sampler);
          if (response.status !== 200) throw new Error(`POST /retention answered ${response.status}: ${body.error}`);
          retained = body.retainedAfterClose;
          const programPeak = Math.max(programBefore, peakRssKb(server.pid));
          peakRssMb.push((programPeak + childPeak) / 1024);
          programPeakRssMb.push(programPeak / 1024);
          analysisPeakRssMb.push(childPeak / 1024);
        }
        stalls[kind].push((await server.ask('gap')).gapMs);
      }
    }
    pinging = false;
    await Promise.all(loops);
    return { stalls, retentionMs, peakRssMb, programPeakRssMb, analysisPeakRssMb, barePeakRssMb, textMb, bareMs, dropped, retained, heapMb: heapUsed / 2 ** 20 };
  } finally {
    pinging = false;
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
  const source = `${self}:1:1`; // one shared location string, as sockets of one call site share it
  for (const socket of sockets) registry.track(socket, 'opened', source);
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
  if (process.env.BENCH_PROBE_ONLY === 'retention') return retentionOnly();
  const load = await loadPairs();
  const throughputLoss = load.pairs.map((pair) => 1 - pair.with.throughput / pair.without.throughput);
  const p99Ratio = load.pairs.map((pair) => pair.with.p99 / pair.without.p99);
  const cpuRatio = load.pairs.map((pair) => pair.with.cpuUsPerRoundTrip / pair.without.cpuUsPerRoundTrip);
  const churnRows = await churnPairs();
  const churnLoss = churnRows.map((pair) => 1 - pair.with.throughput / pair.without.throughput);
  const churnCpuRatio = churnRows.map((pair) => pair.with.cpuUsPerConnection / pair.without.cpuUsPerConnection);
  const bytesPerSocket = [];
  for (let run = 0; run < RUNS; run++) bytesPerSocket.push(await memoryRunInChild());
  const captureNs = [];
  for (let run = 0; run < RUNS; run++) captureNs.push(await sourceCaptureNs());

  const setupLine = `${load.pinned ? 'pinned (servers core 1, load core 0)' : 'not pinned'}, idle server ${load.paused ? 'stopped' : 'running'}${load.aa ? ', A/A: no probe on either side' : ''}${load.baseline ? `, "without" runs ${load.baseline}` : ''}`;
  console.log(`\nprobe overhead: ${CONNECTIONS} connections x ${ROUND_TRIPS} round trips of ${MESSAGE.length} B per round, ${load.pairs.length} pairs after ${WARMUP_PAIRS} discarded; ${setupLine}`);
  console.log('  pair  without (rt/s)  with (rt/s)  loss     cpu µs/rt without  with   ratio  busy w/o  with  p99 w/o  with');
  load.pairs.forEach(({ with: w, without: wo }, pair) => {
    console.log(
      `  ${String(pair + 1).padEnd(5)} ${wo.throughput.toFixed(0).padStart(14)} ${w.throughput.toFixed(0).padStart(12)}  ${((1 - w.throughput / wo.throughput) * 100).toFixed(1).padStart(5)} %  ` +
        `${wo.cpuUsPerRoundTrip.toFixed(2).padStart(17)} ${w.cpuUsPerRoundTrip.toFixed(2).padStart(6)} ${(w.cpuUsPerRoundTrip / wo.cpuUsPerRoundTrip).toFixed(3).padStart(6)}  ` +
        `${(wo.busy * 100).toFixed(0).padStart(7)} % ${(w.busy * 100).toFixed(0).padStart(3)} %  ${wo.p99.toFixed(1).padStart(6)} ${w.p99.toFixed(1).padStart(5)} ms`,
    );
  });
  if (load.lateScrapes > 0) console.log(`  ${load.lateScrapes} scrape(s) ended after their round`);
  console.log(`\nchurn: ${CHURN_CONNECTIONS} connections per round (connect, one ping-pong, end), ${CHURN_CONCURRENCY} at a time, ${churnRows.length} pairs`);
  churnRows.forEach(({ with: w, without: wo }, pair) => {
    console.log(
      `  ${String(pair + 1).padEnd(4)} ${wo.throughput.toFixed(0).padStart(8)} conn/s without  ${w.throughput.toFixed(0).padStart(8)} conn/s with  ${((1 - w.throughput / wo.throughput) * 100).toFixed(1).padStart(5)} %  ` +
        `cpu µs/conn ${wo.cpuUsPerConnection.toFixed(0)} / ${w.cpuUsPerConnection.toFixed(0)}`,
    );
  });
  const loadFigures = {
    throughputLoss: spread(throughputLoss, 'ratio'),
    p99Ratio: spread(p99Ratio, 'ratio'),
    cpuPerRoundTripRatio: spread(cpuRatio, 'ratio'),
    churnThroughputLoss: spread(churnLoss, 'ratio'),
    churnCpuPerConnectionRatio: spread(churnCpuRatio, 'ratio'),
    loadSetup: { pinned: load.pinned, idleServerStopped: load.paused, aa: load.aa, warmupPairs: WARMUP_PAIRS, roundTrips: ROUND_TRIPS, churnConnections: CHURN_CONNECTIONS, loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))) },
  };
  if (process.env.BENCH_PROBE_ONLY === 'load') return loadOnly({ loadFigures, bytesPerSocket, captureNs });
  const retention = await retentionRuns();
  const stallRatio = retention.stalls.probe.map((stall, run) => stall / retention.stalls.bare[run]);
  console.log(
    `\nretention on a ${retention.heapMb.toFixed(0)} MB heap: stalls bare ${retention.stalls.bare.map((x) => x.toFixed(0)).join(', ')} ms, ` +
      `probe ${retention.stalls.probe.map((x) => x.toFixed(0)).join(', ')} ms; request to answer ${retention.retentionMs.map((x) => x.toFixed(0)).join(', ')} ms; ` +
      `found ${retention.retained} of ${RETAINED_SOCKETS} retained; ${retention.dropped} echo connections dropped`,
  );
  return {
    ...loadFigures,
    bytesPerSocket: figure(bytesPerSocket, 'bytes'),
    sourceCaptureNs: figure(captureNs, 'ns'),
    retentionStallMs: figure(retention.stalls.probe, 'ms'),
    bareSnapshotStallMs: figure(retention.stalls.bare, 'ms'),
    retentionStallRatio: figure(stallRatio, 'ratio'),
    retentionMs: figure(retention.retentionMs, 'ms'),
    retentionPeakRssMb: figure(retention.peakRssMb, 'MB'),
    ...retentionMemoryFigures(retention),
    retentionEchoDropped: retention.dropped,
    retentionFound: `${retention.retained} of ${RETAINED_SOCKETS}`,
    setup: {
      connections: CONNECTIONS,
      roundTrips: ROUND_TRIPS,
      messageBytes: MESSAGE.length,
      pollMs: POLL_MS,
      memorySockets: MEMORY_SOCKETS * 2,
      churnConnections: CHURN_CONNECTIONS,
      churnConcurrency: CHURN_CONCURRENCY,
      retentionHeapMb: Math.round(retention.heapMb),
      retentionEchoConnections: RETENTION_ECHO_CONNECTIONS,
    },
  };
}

/** The program's and the analysis's peaks apart, the bare snapshot's peak, and the snapshot text's size. */
function retentionMemoryFigures(retention) {
  return {
    retentionProgramPeakRssMb: figure(retention.programPeakRssMb, 'MB'),
    retentionAnalysisPeakRssMb: figure(retention.analysisPeakRssMb, 'MB'),
    ...(retention.barePeakRssMb.length > 0 ? { bareSnapshotPeakRssMb: figure(retention.barePeakRssMb, 'MB') } : {}),
    snapshotTextMb: figure(retention.textMb, 'MB'),
  };
}

/** BENCH_PROBE_ONLY=load (investigation): everything but the retention figures, which are kept from the last results. */
function loadOnly({ loadFigures, bytesPerSocket, captureNs }) {
  const kept = { ...JSON.parse(readFileSync(path.join(benchRoot, 'results.json'), 'utf8')).probe };
  delete kept.measuredAt;
  return {
    ...kept,
    ...loadFigures,
    bytesPerSocket: figure(bytesPerSocket, 'bytes'),
    sourceCaptureNs: figure(captureNs, 'ns'),
    loadMeasuredAt: new Date().toISOString(),
  };
}

/** BENCH_PROBE_ONLY=retention (investigation): the retention figures alone, merged into the last results. */
async function retentionOnly() {
  const retention = await retentionRuns();
  const stallRatio = retention.stalls.probe.map((stall, run) => stall / retention.stalls.bare[run]);
  console.log(`retention: stalls bare ${retention.stalls.bare.map((x) => x.toFixed(0))} ms, probe ${retention.stalls.probe.map((x) => x.toFixed(0))} ms, answers ${retention.retentionMs.map((x) => x.toFixed(0))} ms`);
  const kept = { ...JSON.parse(readFileSync(path.join(benchRoot, 'results.json'), 'utf8')).probe };
  delete kept.measuredAt;
  return {
    ...kept,
    retentionStallMs: figure(retention.stalls.probe, 'ms'),
    bareSnapshotStallMs: figure(retention.stalls.bare, 'ms'),
    retentionStallRatio: figure(stallRatio, 'ratio'),
    retentionMs: figure(retention.retentionMs, 'ms'),
    retentionPeakRssMb: figure(retention.peakRssMb, 'MB'),
    ...retentionMemoryFigures(retention),
    retentionEchoDropped: retention.dropped,
    retentionFound: `${retention.retained} of ${RETAINED_SOCKETS}`,
    retentionMeasuredAt: new Date().toISOString(),
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
