#!/usr/bin/env node
// Load driver for the fixtures: opens N connections on loopback, writes a little data, then ends
// each one the way that matters for a leak: a clean FIN, an abrupt reset (RST), or idling until the
// server's timeout closes it. Bounded in count and time; it stops by itself.
//
//   npm run load -- --port 4000 --connections 20 --mode fin|reset|idle|mixed [--hold-ms 5000]
//                   [--host 127.0.0.1] [--payload 'hello\n'] [--half-open] [--deadline-ms 30000]
//
// Prints one JSON summary line. `runLoad()` is the same thing for tests, in-process.
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const MAX_CONNECTIONS = 2000;
export const MAX_DEADLINE_MS = 120_000;
export const MODES = /** @type {const} */ (['fin', 'reset', 'idle', 'mixed']);
// Connects in flight at once: more would only overflow the server's accept backlog.
const CONNECT_BATCH = 200;

/** The driver talks to this machine only. */
export function loopbackHost(host) {
  if (host === 'localhost') return '127.0.0.1';
  if (net.isIPv4(host) && host.startsWith('127.')) return host;
  if (host === '::1') return host;
  throw new Error(`refusing host ${JSON.stringify(host)}: the load driver only connects to loopback (127.x.x.x, ::1, localhost)`);
}

function checkOptions(options) {
  const { port, connections, mode, holdMs, deadlineMs } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port must be a TCP port, got ${port}`);
  if (!Number.isInteger(connections) || connections < 1 || connections > MAX_CONNECTIONS) {
    throw new Error(`--connections must be 1..${MAX_CONNECTIONS}, got ${connections}`);
  }
  if (!MODES.includes(mode)) throw new Error(`--mode must be one of ${MODES.join(', ')}, got ${mode}`);
  if (!Number.isInteger(holdMs) || holdMs < 0) throw new Error(`--hold-ms must be >= 0, got ${holdMs}`);
  if (!Number.isInteger(deadlineMs) || deadlineMs < 1 || deadlineMs > MAX_DEADLINE_MS) {
    throw new Error(`--deadline-ms must be 1..${MAX_DEADLINE_MS}, got ${deadlineMs}`);
  }
}

function endingFor(mode, index) {
  return mode === 'mixed' ? /** @type {const} */ (['fin', 'reset', 'idle'])[index % 3] : mode;
}

/**
 * Runs one load and resolves with its summary; never rejects once the options are valid.
 *
 * @param {import('./driver.d.mts').LoadOptions} input
 * @returns {Promise<import('./driver.d.mts').LoadSummary>}
 */
export async function runLoad(input) {
  const options = {
    host: '127.0.0.1',
    connections: 20,
    mode: 'fin',
    holdMs: input.mode === 'idle' || input.mode === 'mixed' ? 5_000 : 0,
    deadlineMs: 30_000,
    payload: 'hello\n',
    halfOpen: false,
    ...input,
  };
  checkOptions(options);
  const host = loopbackHost(options.host);
  const started = performance.now();
  const summary = {
    mode: options.mode,
    host,
    port: options.port,
    requested: options.connections,
    opened: 0,
    failedToOpen: 0,
    endedWithFin: 0,
    reset: 0,
    closedByServer: 0,
    heldToLimit: 0,
    errors: /** @type {Record<string, number>} */ ({}),
    aborted: false,
    timedOut: false,
    ms: 0,
  };
  /** @type {Set<net.Socket>} */
  const live = new Set();
  // Every way out of the run (deadline, abort) tears down whatever is still open.
  let stop = () => {};
  const stopped = new Promise((resolve) => {
    stop = resolve;
  });
  const deadline = setTimeout(() => {
    summary.timedOut = true;
    stop();
  }, options.deadlineMs);
  const onAbort = () => {
    summary.aborted = true;
    stop();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  const connections = [];
  try {
    for (let first = 0; first < options.connections; first += CONNECT_BATCH) {
      const batch = [];
      for (let index = first; index < Math.min(options.connections, first + CONNECT_BATCH); index++) {
        batch.push(openConnection(index));
      }
      const opened = await Promise.race([Promise.all(batch), stopped.then(() => [])]);
      connections.push(...opened.filter((connection) => connection !== null));
      if (summary.aborted || summary.timedOut) break;
    }
    if (!summary.aborted && !summary.timedOut && options.beforeEnding) {
      await Promise.race([options.beforeEnding(), stopped]);
    }
    if (!summary.aborted && !summary.timedOut) {
      await Promise.race([Promise.all(connections.map(finish)), stopped]);
    }
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
    for (const socket of live) socket.destroy();
    summary.ms = Math.round(performance.now() - started);
  }
  return summary;

  /** Connects, writes the payload, resolves once it is flushed (null if the connection failed). */
  function openConnection(index) {
    return new Promise((resolve) => {
      const socket = net.connect({ port: options.port, host, allowHalfOpen: options.halfOpen });
      let connected = false;
      const connection = {
        index,
        socket,
        ending: endingFor(options.mode, index),
        serverEnded: false,
        closed: new Promise((resolveClosed) => socket.once('close', resolveClosed)),
        ended: new Promise((resolveEnded) => socket.once('end', resolveEnded)),
      };
      live.add(socket);
      socket.on('close', () => live.delete(socket));
      socket.on('error', (error) => {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code ?? error.name;
        summary.errors[code] = (summary.errors[code] ?? 0) + 1;
      });
      // Replies are read and dropped so that the server never blocks on us.
      socket.on('data', () => {});
      socket.on('end', () => {
        connection.serverEnded = true;
      });
      socket.once('connect', () => {
        connected = true;
        summary.opened += 1;
        if (options.payload === '') resolve(connection);
        else socket.write(options.payload, () => resolve(connection));
      });
      connection.closed.then(() => {
        if (!connected) summary.failedToOpen += 1;
        resolve(connected ? connection : null);
      });
    });
  }

  /** Ends one connection the way its mode says and resolves when it is closed. */
  async function finish(connection) {
    const { socket, ending } = connection;
    if (socket.destroyed) {
      summary.closedByServer += 1;
      return;
    }
    if (ending === 'fin') {
      socket.end();
      summary.endedWithFin += 1;
      await connection.closed;
    } else if (ending === 'reset') {
      socket.resetAndDestroy();
      summary.reset += 1;
      await connection.closed;
    } else {
      await idle(connection);
    }
  }

  /** Sends nothing until the server closes the connection (or ends it, with --half-open) or the hold runs out. */
  async function idle(connection) {
    const { socket } = connection;
    let hold;
    const held = new Promise((resolve) => {
      hold = setTimeout(() => resolve('held'), options.holdMs);
    });
    // With --half-open the client plays a dead peer: it never answers the server's FIN.
    const serverDone = options.halfOpen
      ? Promise.race([connection.closed, connection.ended])
      : connection.closed;
    const outcome = await Promise.race([serverDone.then(() => 'server'), held, stopped.then(() => 'stopped')]);
    if (outcome === 'server' || (outcome === 'held' && connection.serverEnded)) summary.closedByServer += 1;
    else if (outcome === 'held') summary.heldToLimit += 1;
    if (options.halfOpen && outcome === 'server') {
      // Keep playing dead until the hold runs out or the run is stopped.
      await Promise.race([held, connection.closed, stopped]);
    }
    clearTimeout(hold);
    socket.destroy();
  }
}

function parseCommandLine(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      connections: { type: 'string', default: '20' },
      mode: { type: 'string', default: 'fin' },
      'hold-ms': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      payload: { type: 'string' },
      'half-open': { type: 'boolean', default: false },
      'deadline-ms': { type: 'string', default: '30000' },
    },
    strict: true,
  });
  return {
    port: Number(values.port),
    connections: Number(values.connections),
    mode: values.mode,
    host: values.host,
    halfOpen: values['half-open'],
    deadlineMs: Number(values['deadline-ms']),
    ...(values['hold-ms'] === undefined ? {} : { holdMs: Number(values['hold-ms']) }),
    ...(values.payload === undefined ? {} : { payload: values.payload.replaceAll('\\n', '\n').replaceAll('\\r', '\r') }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2));
    loopbackHost(options.host);
    checkOptions({ holdMs: 0, ...options });
  } catch (error) {
    console.error(`load driver: ${error.message}`);
    process.exit(2);
  }
  runLoad(options).then((summary) => console.log(JSON.stringify(summary)));
}
