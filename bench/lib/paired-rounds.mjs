// Paired rounds for the probe's overhead: two echo servers (without and with the probe) started once and
// kept for the whole measure, one load generator process (echo-load.mjs) holding connections to both, and
// short rounds alternating between them (ABBA order), so that both halves of a pair are seconds apart and
// a drift of the shared machine falls on both alike. Why each piece (bench/README.md, "Runtime probe
// overhead", has the spreads each one bought):
// - the load generator in its own process: it no longer shares an event loop with the orchestrator's
//   scrapes and JSON parsing, and it can have a core of its own;
// - pinning (BENCH_PROBE_PIN=1, taskset): both servers on one core, the load generator on the other; tried
//   and left off by default, see pinning();
// - the idle server is stopped (SIGSTOP) during the other's round: nothing of it, not the probe's timers nor
//   its garbage collection, runs on the measured core; its overdue timers run in its own next round;
// - warm-up pairs are discarded (JIT and the first scrape's prom-client load);
// - the server's own CPU time per round trip (process.cpuUsage() in the server, read before and after
//   each round) is taken as a cross-check beside the wall throughput: it hardly depends on waiting for a core.
// The with-probe server is scraped (/status and /metrics) at the start of each of its load rounds and every
// pollMs within it, and only then: all its scrapes fall inside its own rounds.
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const loadGenerator = path.join(path.dirname(fileURLToPath(import.meta.url)), 'echo-load.mjs');

/**
 * taskset prefixes for the servers and the load generator with BENCH_PROBE_PIN=1, else none. Off by default:
 * on this shared 2-core machine pinning left the servers a contested core they could not leave, and A/A runs
 * spread wider pinned than not (bench/README.md).
 */
export function pinning() {
  if (process.env.BENCH_PROBE_PIN !== '1' || os.cpus().length < 2) return { server: [], load: [], on: false };
  const found = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  if (!found) return { server: [], load: [], on: false };
  return { server: ['taskset', '-c', '1'], load: ['taskset', '-c', '0'], on: true };
}

/** Spawns `command` under `prefix` (taskset …) or as is. */
export function spawnPinned(prefix, command, args, options) {
  return prefix.length > 0 ? spawn(prefix[0], [...prefix.slice(1), command, ...args], options) : spawn(command, args, options);
}

/** The load generator child: `ask(command)` sends one command and resolves with its answer. */
export function startLoadGenerator(prefix) {
  const child = spawnPinned(prefix, process.execPath, [loadGenerator], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const ask = (command) =>
    new Promise((resolve, reject) => {
      waiting.push((answer) => (answer.error ? reject(new Error(answer.error)) : resolve(answer)));
      child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  const stop = () =>
    new Promise((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGKILL');
    });
  return { ask, stop };
}

/** Stops or resumes a server process (a no-op when pausing is off). */
export function pauser(on) {
  return {
    on,
    pause: (server) => on && process.kill(server.pid, 'SIGSTOP'),
    resume: (server) => on && process.kill(server.pid, 'SIGCONT'),
  };
}

/** Quartiles beside the figure's min – max (linear interpolation between ranks). */
export function quartiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const rank = q * (sorted.length - 1);
    const low = Math.floor(rank);
    return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (rank - low);
  };
  const round = (value) => Number(value.toPrecision(4));
  return { q1: round(at(0.25)), q3: round(at(0.75)) };
}

/**
 * Runs `pairs` measured pairs (after `warmupPairs` discarded ones) of `round(kind)` for kind 'without' and
 * 'with', ABBA order, stopping early (with what it has) once `budgetMs` is spent. `round` resolves with
 * the round's result; the caller pauses and resumes the servers inside it.
 * @returns {Promise<Array<{ without: any, with: any }>>}
 */
export async function alternate({ pairs, warmupPairs, budgetMs, round }) {
  const measured = [];
  const started = performance.now();
  for (let pair = 0; pair < warmupPairs + pairs; pair++) {
    if (pair >= warmupPairs && measured.length > 0 && performance.now() - started > budgetMs) break;
    const order = pair % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
    const results = {};
    for (const kind of order) results[kind] = await round(kind);
    if (pair >= warmupPairs) measured.push(results);
  }
  return measured;
}
