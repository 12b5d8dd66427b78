'use strict';

const http = require('node:http');
const { isAuthorized } = require('./bearer-token.js');
const { warnOnce } = require('./warn-once.js');

/**
 * The probe's HTTP server: GET /status (JSON) and GET /metrics (Prometheus text).
 * It is unref'd, and so are its connections: watching a program must never keep it alive.
 * @param {object} endpoints
 * @param {string | undefined} endpoints.token
 * @param {() => Promise<object>} endpoints.status
 * @param {{ text: () => Promise<string>, contentType: () => string }} endpoints.metrics
 * @returns {http.Server}
 */
function createStatusServer({ token, status, metrics }) {
  const server = http.createServer((request, response) => {
    respond(request, response).catch((error) => {
      warnOnce('respond', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('socket-hygiene probe: internal error\n');
    });
  });

  /** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
  async function respond(request, response) {
    const path = (request.url ?? '/').split('?')[0];
    if (!isAuthorized(request.headers.authorization, token)) {
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
      response.end('unauthorized\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' });
      response.end('method not allowed\n');
      return;
    }
    if (path === '/status') {
      send(response, 'application/json; charset=utf-8', JSON.stringify(await status()));
    } else if (path === '/metrics') {
      const text = await metrics.text();
      send(response, metrics.contentType(), text);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found: try /status or /metrics\n');
    }
  }

  server.on('connection', (socket) => socket.unref());
  server.on('clientError', (_error, socket) => socket.destroy());
  server.unref();
  return server;
}

/** @param {http.ServerResponse} response @param {string} contentType @param {string} body */
function send(response, contentType, body) {
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}

module.exports = { createStatusServer };
