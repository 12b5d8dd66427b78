// The health checker, fixed: a request that times out is destroyed (which ends its socket and
// reports the failure through 'error'), and 'error' is listened for, so a reset is one failed check.
import http from 'node:http';
import { serveStatus } from '../lib/status-endpoint.cjs';

const UPSTREAM_PORT = Number(process.env.UPSTREAM_PORT);
const REQUEST_TIMEOUT_MS = Number(process.env.REQUEST_TIMEOUT_MS ?? 5_000);
const CHECK_EVERY_MS = Number(process.env.CHECK_EVERY_MS ?? 1_000);

const agent = new http.Agent({ keepAlive: false });
let checking = false;
let checks = 0;
let failures = 0;

function check(): void {
  if (checking) return;
  checking = true;
  checks += 1;
  const request = http.get(
    { host: '127.0.0.1', port: UPSTREAM_PORT, path: '/health', agent, timeout: REQUEST_TIMEOUT_MS },
    (response) => {
      console.log(`health: ${response.statusCode}`);
      response.resume();
    },
  );
  request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
  request.on('error', (error) => {
    failures += 1;
    console.error(`health check failed: ${error.message}`);
  });
  request.on('close', () => {
    checking = false;
  });
}

setInterval(check, CHECK_EVERY_MS);
check();
serveStatus({
  connections: () => Object.values(agent.sockets).flatMap((sockets) => sockets ?? []),
  extra: () => ({ checks, failures }),
});
