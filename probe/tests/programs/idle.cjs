'use strict';
// Does nothing: under the probe it must still exit by itself (the probe's server is unref'd).
setTimeout(() => {}, 50);
