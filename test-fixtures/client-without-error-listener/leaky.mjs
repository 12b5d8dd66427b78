// A client that holds one connection to an upstream service and sends it a heartbeat. There is no
// 'error' listener on the connection: when the upstream resets it (ECONNRESET) or is not there
// (ECONNREFUSED), the error is thrown and the process dies.
import net from 'node:net';
import { serveStatus } from '../lib/status-endpoint.cjs';

const UPSTREAM_PORT = Number(process.env.UPSTREAM_PORT);
const HEARTBEAT_MS = Number(process.env.HEARTBEAT_MS ?? 1_000);

const upstream = net.connect(UPSTREAM_PORT, '127.0.0.1'); // expect: socket-hygiene/require-error-listener
upstream.setEncoding('utf8');
upstream.on('data', (text) => console.log(`upstream: ${text.trim()}`));
const heartbeat = setInterval(() => upstream.write('ping\n'), HEARTBEAT_MS);
upstream.on('close', () => clearInterval(heartbeat));

serveStatus({ connections: () => (upstream.destroyed ? [] : [upstream]) });
