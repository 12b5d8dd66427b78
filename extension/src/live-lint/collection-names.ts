// The names a remove-on-close finding and a retention chain share: the collection's variable or property.
// A finding is reported at the storing call (`clients.add(socket)`, `this.sessions.set(id, socket)`,
// `subscribers.push(socket)`, `devices[key] = socket`); a chain names it as the probe saw it in the heap
// (`clients (Set)`, `this.sessions (Map)`).

const IDENTIFIER = '[A-Za-z_$][\\w$]*';

/** The collection a storing call puts the socket in: its last name, `sessions` for `this.sessions.set(…)`. */
export function storedCollectionName(storeText: string): string | undefined {
  const call = new RegExp(`(${IDENTIFIER})\\s*(?:\\?\\.|\\.)\\s*(?:add|set|push|unshift|splice|append|put)\\s*\\(`).exec(storeText);
  if (call?.[1] !== undefined) return call[1];
  const indexed = new RegExp(`(${IDENTIFIER})\\s*(?:\\?\\.)?\\[`).exec(storeText);
  return indexed?.[1];
}

/** Every variable or property name a chain step gives: `clients (Set)` → `clients`, `this.sessions (Map)` → `sessions`. */
export function chainNames(path: readonly string[]): string[] {
  const names: string[] = [];
  for (const step of path) {
    const match = new RegExp(`^\\s*(?:${IDENTIFIER}\\s*\\.\\s*)*(${IDENTIFIER})`).exec(step);
    if (match?.[1] !== undefined && !names.includes(match[1])) names.push(match[1]);
  }
  return names;
}
