// node --import socket-hygiene-probe/register app.mjs
// The same entry as --require, so a process given both still runs one probe.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./register.cjs');
