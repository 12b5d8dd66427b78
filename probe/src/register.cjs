'use strict';

// node --require socket-hygiene-probe/register app.js
// Worker threads inherit --require but have their own channels and sockets: the probe watches the main thread.
// The retention analysis runs this same file as its own process (see retention/retention-request.js):
// in the extension's one-file bundle no other file is there to run.
if (process.env.SOCKET_HYGIENE_RETENTION_ANALYSIS === '1') {
  require('./retention/analysis-process.js');
} else if (require('node:worker_threads').isMainThread) {
  // At once, or (SOCKET_HYGIENE_ON_DEMAND=1) only once the process opens a server or socket of its own.
  require('./serve-on-demand.js').serveOnDemand();
}
