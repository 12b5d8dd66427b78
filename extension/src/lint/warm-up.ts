// What the lint worker lints once, off the host, right after loading a language's parser: a few hundred lines
// of ordinary socket code. The first lint of a file runs every parser, ESLint and rule function for the first
// time, in V8's slowest tier (the TypeScript parser's first parse alone costs hundreds of milliseconds); doing it
// on this text while the user is still opening files means the first real file is linted by warm code.
// The text is not the benchmark's: it only needs to reach the same code paths (classes, closures, types,
// listeners, collections, timeouts), not the same file.

/** How many times the warm-up text is linted: V8 optimises a function after it has run a while, not at once. */
export const WARM_UP_ROUNDS = 3;

/** One unit of the warm-up text; `typed` adds the TypeScript syntax the parser has to learn. */
function unit(i: number, typed: boolean): string {
  const t = (annotation: string): string => (typed ? `: ${annotation}` : '');
  const generic = (type: string): string => (typed ? `<${type}>` : '');
  return `
${typed ? `interface Peer${i} { id: number; socket: net.Socket; seen: number }\n` : ''}const peers${i} = new Map${generic(`number, ${typed ? `Peer${i}` : 'object'}`)}();
const open${i} = new Set${generic('net.Socket')}();
let count${i}${t('number')} = 0;

${typed ? 'export ' : ''}class Relay${i} {
  ${typed ? 'private readonly ' : ''}queue${t('Buffer[]')} = [];
  ${typed ? 'private readonly ' : ''}port${t('number')};
  ${typed ? 'private readonly ' : ''}host${t('string')};
  constructor(port${t('number')}, host${t('string')} = '127.0.0.1') {
    this.port = port;
    this.host = host;
  }

  start()${t('net.Server')} {
    const server = net.createServer((socket${t('net.Socket')}) => {
      const id = ++count${i};
      open${i}.add(socket);
      peers${i}.set(id, { id, socket, seen: Date.now() });
      socket.setTimeout(10_000);
      socket.on('timeout', () => socket.destroy());
      socket.on('error', (error${t('Error')}) => console.warn(\`peer \${id}\`, error.message));
      socket.on('data', (chunk${t('Buffer')}) => {
        this.queue.push(chunk);
        if (this.queue.length > 16) socket.pause();
      });
      socket.on('close', () => {
        open${i}.delete(socket);
        peers${i}.delete(id);
      });
    });
    server.on('error', (error${t('Error')}) => console.error(error));
    server.listen(this.port, this.host);
    return server;
  }

  async ask(path${t('string')})${t('Promise<string>')} {
    return new Promise${generic('string')}((resolve, reject) => {
      const request = http.get({ host: this.host, port: this.port, path, timeout: 2_000 }, (response) => {
        const parts${t('string[]')} = [];
        response.setEncoding('utf8');
        response.on('data', (part${t('string')}) => parts.push(part));
        response.on('end', () => resolve(parts.join('')));
      });
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
    });
  }
}
`;
}

/** The warm-up text for JavaScript (`typed` false) or TypeScript. */
export function warmUpText(typed: boolean): string {
  const header = typed ? "import * as net from 'node:net';\nimport * as http from 'node:http';\n" : "const net = require('node:net');\nconst http = require('node:http');\n";
  let text = header;
  for (let i = 0; i < 6; i += 1) text += unit(i, typed);
  return text;
}
