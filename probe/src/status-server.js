'use strict';

const http = require('node:http');
const { isAuthorized } = require('./bearer-token.js');
const { warnOnce } = require('./warn-once.js');

/**
 * The probe's HTTP server: GET /status (JSON), GET /metrics (Prometheus text), POST /retention (JSON).
 * It is unref'd, and so are its connections: watching a program must never keep it alive.
 * @param {object} endpoints
 * @param {string | undefined} endpoints.token
 * @param {(query: { closeWait?: 'kernel' }) => Promise<object>} endpoints.status
 * @param {{ text: () => Promise<string>, contentType: () => string }} endpoints.metrics
 * @param {() => Promise<{ status: number, body: object }>} endpoints.retention
 * @returns {http.Server}
 */
function createStatusServer({ token, status, metrics, retention }) {
  const server = http.createServer((request, response) => {
    respond(request, response).catch((error) => {
      warnOnce('respond', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('socket-hygiene probe: internal error\n');
    });
  });

  /** @param {http.IncomingMessage} request @param {http.ServerResponse} response */
  async function respond(request, response) {
    const [path = '/', queryText = ''] = (request.url ?? '/').split('?');
    if (!isAuthorized(request.headers.authorization, token)) {
      response.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' });
      response.end('unauthorized\n');
      return;
    }
    if (path === '/retention') {
      // POST only: a link preview or a crawler following a GET must never take a heap snapshot.
      if (request.method !== 'POST') {
        sendJson(response, 405, { error: 'POST /retention takes a heap snapshot; GET is not allowed' }, { allow: 'POST' });
        return;
      }
      request.resume(); // no body is read: nothing in it changes the answer
      const answer = await retention();
      sendJson(response, answer.status, answer.body);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' });
      response.end('method not allowed\n');
      return;
    }
    if (path === '/status') {
      const kernel = new URLSearchParams(queryText).get('closeWait') === 'kernel';
      send(response, 'application/json; charset=utf-8', JSON.stringify(await status(kernel ? { closeWait: 'kernel' } : {})));
    } else if (path === '/metrics') {
      const text = await metrics.text();
      send(response, metrics.contentType(), text);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found: try /status, /metrics or POST /retention\n');
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

/**
 * @param {http.ServerResponse} response
 * @param {number} code
 * @param {object} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(response, code, body, headers = {}) {
  const text = JSON.stringify(body);
  response.writeHead(code, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

module.exports = { createStatusServer };
