// The environment that carries the probe into every Node process a command starts (npm scripts, tsx,
// ts-node): NODE_OPTIONS=--require <probe>, on demand, each serving process writing <pid>.json to a folder.

/** One NODE_OPTIONS word: Node splits the variable on spaces and reads "…" with \-escapes as one word. */
export function nodeOptionsWord(word: string): string {
  return /^[^\s"\\]+$/.test(word) ? word : `"${word.replace(/["\\]/g, '\\$&')}"`;
}

export function probeEnvironment(registerPath: string, urlDir: string): Record<string, string> {
  return {
    NODE_OPTIONS: `--require ${nodeOptionsWord(registerPath)}`,
    SOCKET_HYGIENE_ON_DEMAND: '1',
    SOCKET_HYGIENE_URL_DIR: urlDir,
    // npm's once-a-day registry check would be a socket of npm's own: it must not make npm an endpoint.
    npm_config_update_notifier: 'false',
  };
}
