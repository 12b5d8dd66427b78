#!/usr/bin/env node
// The probe bench's load generator, in a process of its own so that it never shares an event loop with
// the orchestrator (which scrapes the probe and parses its answers) and can be pinned to its own core.
// It keeps open connections to each echo server it is told of and runs one bounded round at a time on
// command (JSON lines on stdin, one JSON answer line on stdout per command):
//   {"cmd":"connect","name":"a","port":1234,"connections":1000,"warmup":5}  → {"ok":true}
//   {"cmd":"round","name":"a","roundTrips":100,"timeoutMs":60000}           → {"ms":…,"roundTrips":…,"p99":…}
//   {"cmd":"churn","port":1234,"connections":2000,"concurrency":50,"timeoutMs":60000} → {"ms":…}
//   {"cmd":"exit"}
// Every loop is bounded in count and in time (a round past its timeout answers {"error":…}); servers are
// only ever reached on 127.0.0.1.
import net from 'node:net';
import { createInterface } from 'node:readline';

const MESSAGE = Buffer.alloc(64, 'p');

/** @type {Map<string, import('node:net').Socket[]>} open connections per server name */
const pools = new Map();

/** `count` ping-pongs on one connection; pushes each round trip's latency (ms) to `latencies`. */
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
        socket.removeListener('error', reject);
        resolve();
      } else send();
    };
    socket.on('data', onData);
    socket.once('error', reject);
    send();
  });
}

/** Rejects after `ms` (the timer is cleared when `promise` settles first). */
function bounded(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function connect({ name, port, connections, warmup }) {
  const sockets = [];
  for (let opened = 0; opened < connections; opened += 100) {
    const batch = Array.from({ length: Math.min(100, connections - opened) }, () =>
      new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
        socket.once('error', reject);
        sockets.push(socket);
      }),
    );
    await Promise.all(batch);
  }
  pools.set(name, sockets);
  await Promise.all(sockets.map((socket) => pingPong(socket, warmup)));
  return { ok: true };
}

async function round({ name, roundTrips, timeoutMs }) {
  const sockets = pools.get(name);
  if (sockets === undefined) throw new Error(`no connections to ${name}`);
  const latencies = [];
  const started = performance.now();
  await bounded(Promise.all(sockets.map((socket) => pingPong(socket, roundTrips, latencies))), timeoutMs, 'a round');
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { ms, roundTrips: latencies.length, p99: latencies[Math.ceil(0.99 * latencies.length) - 1] };
}

/** Short-lived connections: each connects, does one ping-pong and ends; `concurrency` at a time. */
async function churn({ port, connections, concurrency, timeoutMs }) {
  const one = () =>
    new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(MESSAGE));
      let received = 0;
      socket.on('data', (chunk) => {
        received += chunk.length;
        if (received >= MESSAGE.length) socket.end();
      });
      socket.once('error', reject);
      socket.once('close', resolve);
    });
  const worker = async (count) => {
    for (let i = 0; i < count; i++) await one();
  };
  const started = performance.now();
  await bounded(Promise.all(Array.from({ length: concurrency }, () => worker(Math.ceil(connections / concurrency)))), timeoutMs, 'a churn round');
  return { ms: performance.now() - started, connections: Math.ceil(connections / concurrency) * concurrency };
}

const commands = { connect, round, churn };
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  if (command.cmd === 'exit') break;
  let answer;
  try {
    answer = await commands[command.cmd](command);
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
for (const sockets of pools.values()) for (const socket of sockets) socket.destroy();
process.exit(0);
