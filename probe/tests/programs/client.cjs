'use strict';
// Opens one client connection of the kind named in argv[2] to 127.0.0.1:argv[3], keeps it open,
// and prints {"connected": true} once it is up. CA for the TLS kinds: argv[4].
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const tls = require('node:tls');

const [kind, portText, caFile] = process.argv.slice(2);
const port = Number(portText);
const host = '127.0.0.1';
const ca = caFile ? fs.readFileSync(caFile) : undefined;
const connected = () => process.stdout.write(`${JSON.stringify({ connected: true })}\n`);
/** @param {net.Socket} socket */
const keep = (socket) => socket.on('error', () => {});

// Keep the process alive while the test looks at it.
const alive = setInterval(() => {}, 1000);
process.stdin.on('end', () => clearInterval(alive)).resume();

switch (kind) {
  case 'net.connect':
    keep(net.connect(port, host, connected));
    break;
  case 'net.createConnection':
    keep(net.createConnection({ port, host }, connected));
    break;
  case 'socket.connect':
    keep(new net.Socket().connect(port, host, connected));
    break;
  case 'tls.connect':
    keep(tls.connect({ port, host, ca, servername: 'localhost' }, connected));
    break;
  case 'http.get':
  case 'https.get': {
    const module = kind === 'http.get' ? http : https;
    const agent = new module.Agent({ keepAlive: true, ca });
    module.get({ host, port, agent, path: '/' }, (response) => {
      response.resume();
      response.on('end', connected); // the socket goes back to the agent's pool and stays open
    });
    break;
  }
  default:
    throw new Error(`unknown kind ${kind}`);
}
