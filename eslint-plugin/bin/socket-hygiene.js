#!/usr/bin/env node
// The socket-hygiene command. Its code is compiled into dist/ (by prepack, or `npm run build` in the
// repository); this file exists before that, so that npm links the command at install.
import('../dist/cli/bin.js').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/bin.js')) throw error;
  console.error('socket-hygiene: the plugin is not built yet (dist/ is missing): run `npm run build` first');
  process.exitCode = 2;
});
