'use strict';

// node --require socket-hygiene-probe/register app.js
// Worker threads inherit --require but have their own channels and sockets: the probe watches the main thread.
if (require('node:worker_threads').isMainThread) {
  // At once, or (SOCKET_HYGIENE_ON_DEMAND=1) only once the process opens a server or socket of its own.
  require('./serve-on-demand.js').serveOnDemand();
}
