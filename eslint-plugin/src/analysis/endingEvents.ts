// Whether an event of an object the model cannot see into (a wrapper built around a socket, a connection of
// unknown make) says that the object is finished. remove-on-close accepts a removal in such an event's
// listener as the object's 'close'; an event of the object's business (`'requestResolved'`, `'message'`,
// `'requestAccepted'`) may never come for a peer that disconnects, and the entry stays (websocket e60f68d).
// The name is read word by word (`connectionClosed`, `session-end`, `socket:disconnect`), so that an
// object's own spelling of its end still counts and `'endpoint'` or `'sendBuffer'` do not.

/** Words that name the end of a connection's life, in the tenses emitters use. */
const ENDING_WORDS: ReadonlySet<string> = new Set([
  'close',
  'closed',
  'closing',
  'end',
  'ended',
  'disconnect',
  'disconnected',
  'disconnecting',
  'destroy',
  'destroyed',
  'finish',
  'finished',
  'exit',
  'terminate',
  'terminated',
  'hangup',
  'dispose',
  'disposed',
  'shutdown',
  'teardown',
  'gone',
  'dead',
]);

/** The event (a constant name) means that the object emitting it is done: closed, ended, disconnected, destroyed. */
export function isEndingEvent(event: string): boolean {
  return words(event).some((word) => ENDING_WORDS.has(word));
}

/** `connectionClosed` → connection, closed; `session-end`, `socket:disconnect`, `SOCKET_CLOSE` likewise. */
function words(event: string): string[] {
  return event
    .replace(/([a-z\d])([A-Z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/u)
    .filter((word) => word.length > 0);
}
