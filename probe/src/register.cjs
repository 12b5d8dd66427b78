'use strict';

// node --require socket-hygiene-probe/register app.js
// Worker threads inherit --require but have their own channels and sockets: the probe watches the main thread.
if (require('node:worker_threads').isMainThread) {
  require('./index.js').start();
}
