// What the lint worker lints once, off the host, right after loading a language's parser: a few hundred lines
// of ordinary socket code. The first lint of a file runs every parser, ESLint and rule function for the first
// time, in V8's slowest tier (the TypeScript parser's first parse alone costs hundreds of milliseconds); doing it
// on this text while the user is still opening files means the first real file is linted by warm code.
// The text is not the benchmark's: it only needs to reach the same code paths (classes, closures, types,
// listeners, collections, timeouts, and the syntax of `variety` below), not the same file. Each round stays a
// few hundred lines: a request that arrives during a round waits for its end.

/**
 * How many times the warm-up text is linted (as CommonJS and as an ES module in turn): V8 optimises a function
 * after it has run a while, not at once.
 */
export const WARM_UP_ROUNDS = 4;

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

/**
 * Syntax the unit above lacks and ordinary files use: a node type the parser, ESLint's traversal or the rules
 * first meet in the user's file deoptimizes the code V8 compiled for the warm-up (seen with --trace-deopt on
 * the first real lint: "wrong map" in the TypeScript converter, the scope visitor and the traversal).
 */
function variety(i: number, typed: boolean): string {
  if (!typed) {
    return `
const limits${i} = { max: 64, idleMs: 5_000, label: \`pool-${i}\` };

function pick${i}(items, id) {
  for (const item of items) if (item.id === id) return item;
  return items.find(({ id: other }) => other === id) ?? undefined;
}

class Client${i} {
  #mode = 'idle';
  static count = 0;

  constructor(port, hosts = []) {
    this.port = port;
    this.hosts = hosts;
    Client${i}.count += 1;
  }

  async send(payload, retries = 2) {
    const socket = net.connect({ port: this.port, host: this.hosts[0] ?? 'localhost' });
    socket.setTimeout(limits${i}.idleMs, () => socket.destroy());
    socket.on('error', (error) => {
      if (error.code === 'ECONNRESET' && retries > 0) void this.send(payload, retries - 1);
    });
    try {
      await new Promise((resolve, reject) => socket.write(payload, (error) => (error ? reject(error) : resolve())));
      const { length } = typeof payload === 'string' ? Buffer.from(payload) : payload;
      return length;
    } catch (error) {
      console.warn(error?.message, \`\${limits${i}.label} \${this.#mode}\`);
      return -1;
    } finally {
      this.#mode = 'closed';
      socket.end();
    }
  }

  get mode() {
    return this.#mode;
  }
}

const handlers${i} = {
  echo: (socket) => socket.pipe(socket),
  drop(socket) {
    socket.destroy();
  },
};
module.exports.pick${i} = pick${i};
module.exports.Client${i} = Client${i};
module.exports.handlers${i} = handlers${i};
`;
  }
  return `
type Mode${i} = 'idle' | 'busy' | 'closed';
enum Level${i} { Low, High = 10 }
export interface Options${i} { readonly port?: number; hosts: readonly string[]; [extra: string]: unknown }
export const limits${i} = { max: 64, idleMs: 5_000, label: \`pool-${i}\` } as const;

export function pick${i}<T extends { id: number }>(items: T[], id: number): T | undefined {
  for (const item of items) if (item.id === id) return item;
  return items.find(({ id: other }) => other === id) ?? undefined;
}

export abstract class Base${i} {
  protected abstract name(): string;

  describe(): string {
    return \`\${this.name()} \${limits${i}.label}\`;
  }
}

export class Client${i} extends Base${i} implements Partial<Options${i}> {
  hosts: readonly string[] = [];
  #mode: Mode${i} = 'idle';
  static count = 0;

  constructor(private readonly port: number, protected level: Level${i} = Level${i}.Low) {
    super();
    Client${i}.count += 1;
  }

  protected name(): string {
    return \`client \${this.port}\`;
  }

  async send(payload: Buffer | string, retries = 2): Promise<number> {
    const socket = net.connect({ port: this.port, host: this.hosts[0] ?? 'localhost' });
    socket.setTimeout(limits${i}.idleMs, (): void => void socket.destroy());
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' && retries > 0) void this.send(payload, retries - 1);
    });
    try {
      await new Promise<void>((resolve, reject) => socket.write(payload, (error) => (error ? reject(error) : resolve())));
      const { length } = typeof payload === 'string' ? Buffer.from(payload) : payload;
      return length;
    } catch (error: unknown) {
      console.warn((error as Error)?.message, this.hosts!.length);
      return -1;
    } finally {
      this.#mode = 'closed';
      socket.end();
    }
  }

  get mode(): Mode${i} {
    return this.#mode;
  }
}

export const handlers${i}: Record<string, (socket: net.Socket) => void> = {
  echo: (socket) => socket.pipe(socket),
  drop(socket) {
    socket.destroy();
  },
};
`;
}

/**
 * One finding per rule: the first real file with findings builds problems, suggestions and fixes, and that code
 * should be warm too.
 */
function findings(typed: boolean): string {
  return `
const watched = new Map${typed ? '<string, net.Socket>' : ''}();
net.createServer((socket${typed ? ': net.Socket' : ''}) => {
  watched.set(\`\${socket.remoteAddress}:\${socket.remotePort}\`, socket);
  socket.setTimeout(1_000);
  socket.on('timeout', () => console.log('slow peer'));
}).listen(0);
`;
}

/** The warm-up text for JavaScript (`typed` false) or TypeScript. */
export function warmUpText(typed: boolean): string {
  const header = typed ? "import * as net from 'node:net';\nimport * as http from 'node:http';\n" : "const net = require('node:net');\nconst http = require('node:http');\n";
  let text = header;
  for (let i = 0; i < 3; i += 1) text += unit(i, typed) + variety(i, typed);
  return text + findings(typed);
}
