// The method names that matter on sockets, emitters and collections.

/** Methods that register an event listener; the event name is the first argument. */
export const LISTENER_METHODS: ReadonlySet<string> = new Set([
  'on',
  'once',
  'addListener',
  'prependListener',
  'prependOnceListener',
  'addEventListener',
]);

/** Listener methods that fire at most once. */
export const ONCE_METHODS: ReadonlySet<string> = new Set(['once', 'prependOnceListener']);

/** `ws.onerror = fn`-style listener properties (ws and the WHATWG WebSocket). */
export const LISTENER_PROPERTIES: Readonly<Record<string, string>> = {
  onerror: 'error',
  onclose: 'close',
  onopen: 'open',
  onmessage: 'message',
};

/** Socket methods that return the socket itself, so `s.setTimeout(1).on('error', f)` stays on `s`. */
export const CHAINABLE_METHODS: ReadonlySet<string> = new Set([
  ...LISTENER_METHODS,
  'setTimeout',
  'setEncoding',
  'setNoDelay',
  'setKeepAlive',
  'setMaxListeners',
  'pause',
  'resume',
  'ref',
  'unref',
  'listen',
  'removeListener',
  'removeAllListeners',
  'off',
  'connect',
]);

/** Calls that end the conversation politely (a FIN, or the response's last chunk). */
export const END_METHODS: ReadonlySet<string> = new Set(['end']);

/** Calls that release the file descriptor now. */
export const DESTROY_METHODS: ReadonlySet<string> = new Set([
  'destroy',
  'resetAndDestroy',
  'destroySoon',
  'abort',
  'terminate',
]);

/** Calls that re-arm an idle timer or probe the peer instead of closing. */
export const REARM_METHODS: ReadonlySet<string> = new Set(['setTimeout', 'refresh', 'ping', 'setKeepAlive']);

/** Collection methods that store their argument. */
export const STORE_METHODS: ReadonlySet<string> = new Set(['add', 'set', 'push', 'unshift', 'splice']);

/** Collection methods that remove entries. */
export const REMOVE_METHODS: ReadonlySet<string> = new Set(['delete', 'splice', 'clear']);

/** Methods that read a socket argument without taking it over. */
export const NON_HANDOFF_METHODS: ReadonlySet<string> = new Set([
  'has',
  'delete',
  'indexOf',
  'lastIndexOf',
  'includes',
  'get',
  'pipe',
  'unpipe',
  'removeListener',
  'off',
  'log',
  'info',
  'warn',
  'error',
  'debug',
  'trace',
  'stringify',
  'inspect',
  'format',
  'is',
]);

/** Globals whose methods read a socket argument without taking it over (`console.log(s)`). */
export const NON_HANDOFF_OBJECTS: ReadonlySet<string> = new Set(['console', 'JSON', 'util']);

/** Global functions that read a socket argument without taking it over. */
export const NON_HANDOFF_FUNCTIONS: ReadonlySet<string> = new Set([
  'String',
  'Boolean',
  'Number',
  'assert',
  'isFinite',
  'clearTimeout',
  'clearInterval',
]);
