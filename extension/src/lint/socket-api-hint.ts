// The cheap question asked before parsing: can this text hold a socket the rules would report on? The plugin's
// model only finds sockets through a socket module named in a string (`require('net')`, `import … from
// 'node:http'`, a type imported from 'ws'), an 'upgrade' / 'connect' / 'connection' listener, a handleUpgrade
// entry point or an object that emits 'close' (it may keep itself in a registry), so a text with none of
// those strings is answered "no problems" without ESLint. Conservative on purpose: a name the model could
// read through an escape ('n\x65t'), a concatenation ('n' + 'et') or a template substitution also counts.
// (It lives here, not in eslint-plugin/src, because the extension is what gains from it; the plugin's own
// gate, analysis/model.ts's `mayHoldSockets`, runs after the parse.)

const SOCKET_API_HINT = new RegExp(
  [
    // a socket module, or an event only sockets and servers emit, as a whole string
    String.raw`['"\x60](?:(?:node:)?(?:net|tls|https?|http2|dgram)|ws|upgrade|connect|connection|secureConnection)['"\x60]`,
    // an object that emits 'close' may register itself in a collection (remove-on-close, selfRegistration.ts),
    // and a file may define or call a handleUpgrade entry point whose socket it takes over (upgradeEntries.ts)
    String.raw`\.emit\(\s*['"\x60]close['"\x60]|\bhandleUpgrade\b`,
    // a string with an escape in it may spell any of those
    String.raw`['"\x60][^'"\x60\n]{0,64}\\`,
    // 'n' + 'et': the model evaluates constant concatenations
    String.raw`['"\x60]\s*\+\s*['"\x60]`,
    // `${'net'}` and other template substitutions of strings
    String.raw`\$\{\s*['"\x60]`,
  ].join('|'),
  'u',
);

/** False only when the text cannot name a socket API the rules know: then it has no socket problems. */
export function mayNameSocketApi(text: string): boolean {
  return SOCKET_API_HINT.test(text);
}
