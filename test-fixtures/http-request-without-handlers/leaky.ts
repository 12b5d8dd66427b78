// A health checker that polls an upstream with a request timeout, listening for neither 'timeout'
// nor 'error' on the request. The timeout option only emits 'timeout': a hung upstream keeps the
// request and its socket open for ever (and no check runs again), and the first reset throws.
import http from 'node:http';
import { serveStatus } from '../lib/status-endpoint.cjs';

const UPSTREAM_PORT = Number(process.env.UPSTREAM_PORT);
const REQUEST_TIMEOUT_MS = Number(process.env.REQUEST_TIMEOUT_MS ?? 5_000);
const CHECK_EVERY_MS = Number(process.env.CHECK_EVERY_MS ?? 1_000);

const agent = new http.Agent({ keepAlive: false });
let checking = false;
let checks = 0;

function check(): void {
  if (checking) return;
  checking = true;
  checks += 1;
  const request = http.get( // expect: socket-hygiene/require-error-listener, socket-hygiene/timeout-ends-socket
    { host: '127.0.0.1', port: UPSTREAM_PORT, path: '/health', agent, timeout: REQUEST_TIMEOUT_MS },
    (response) => {
      console.log(`health: ${response.statusCode}`);
      response.resume();
    },
  );
  request.on('close', () => {
    checking = false;
  });
}

setInterval(check, CHECK_EVERY_MS);
check();
serveStatus({
  connections: () => Object.values(agent.sockets).flatMap((sockets) => sockets ?? []),
  extra: () => ({ checks }),
});
