// Run by bin/socket-hygiene.js, the package's one command: npx eslint-plugin-socket-hygiene [paths], or socket-hygiene once installed.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
