// Runs the connection manager as a server with the status endpoint, and shuts it down gracefully
// on SIGTERM: stop accepting, end every connection, destroy the ones that do not answer, exit 0.
import { serveStatus } from '../lib/status-endpoint.cjs';
import { ConnectionManager } from './connection-manager.js';

const manager = new ConnectionManager({
  idleTimeoutMs: Number(process.env.IDLE_TIMEOUT_MS ?? 30_000),
  firstDataTimeoutMs: Number(process.env.FIRST_DATA_TIMEOUT_MS ?? 5_000),
  closeGraceMs: Number(process.env.CLOSE_GRACE_MS ?? 2_000),
  log: (line) => console.log(line),
});

manager.server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
serveStatus({ server: manager.server, connections: () => manager.records() });

process.once('SIGTERM', () => {
  console.log(`SIGTERM: closing ${manager.size} connections`);
  manager.shutdown().then(() => {
    console.log('shutdown complete');
    process.exit(0);
  });
});
