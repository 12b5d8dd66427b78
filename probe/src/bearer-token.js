'use strict';

const { createHash, timingSafeEqual } = require('node:crypto');

/**
 * Whether an `Authorization` header carries the expected bearer token; always true when no token is set.
 * Both sides are hashed first so that timingSafeEqual compares equal lengths and the time taken
 * says nothing about the token, not even its length.
 * @param {string | undefined} authorization
 * @param {string | undefined} token
 */
function isAuthorized(authorization, token) {
  if (token === undefined) return true;
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization ?? '');
  const presented = match?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token)) && match !== null;
}

/** @param {string} text */
function digest(text) {
  return createHash('sha256').update(text, 'utf8').digest();
}

module.exports = { isAuthorized };
