// Sockets that are members of another origin: `pair.cleartext` of a `tls.createSecurePair()` (the table's
// `members`), `req.socket` / `res.socket` / `req.connection` of a server-side request. Each is an origin of
// its own, with its own 'error' event: a listener on the object that holds it does not hear it (Node's
// SecurePair does not forward its cleartext socket's errors; tedious bdfff8f crashed on one).
import type { Origin } from './origin.js';
import { type MemberOrigin, SERVER_SIDE_MEMBERS, socketApiOf } from './socketApis.js';

/** What `owner.name` is, when it is a socket of its own. */
export function memberOrigin(owner: Origin, name: string): MemberOrigin | undefined {
  const members =
    owner.kind === 'incoming' || owner.kind === 'response'
      ? SERVER_SIDE_MEMBERS
      : owner.family === null
        ? undefined
        : socketApiOf(`${owner.family}.${owner.kind}`)?.members;
  return members && Object.hasOwn(members, name) ? members[name] : undefined;
}
