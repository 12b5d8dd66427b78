'use strict';

// The `strings` array of a heap snapshot, kept as it came: the raw JSON text of every string, one after
// the other in one byte buffer, with where each starts. A 200 MB heap has millions of strings and the
// analysis reads a few dozen of them, so decoding each into a JS string (tens of bytes of header each,
// on the V8 heap) would cost more memory than the node table; they are decoded when asked for.

const BACKSLASH = 0x5c;
const QUOTE = 0x22;

class SnapshotStrings {
  /** the raw (still JSON-escaped) UTF-8 bytes of all strings */
  #bytes = new Uint8Array(1 << 20);
  #byteLength = 0;
  /** start of string i in #bytes; the end of the last one is #starts[count] */
  #starts = new Uint32Array(1 << 16);
  /** 1 where the string has a backslash escape and needs JSON.parse to decode */
  #escaped = new Uint8Array(1 << 16);
  #count = 0;
  /** @type {Buffer | undefined} a Buffer view of #bytes for decoding, made once the table is complete */
  #view;

  get length() {
    return this.#count;
  }

  /**
   * Appends raw bytes to the string being read (a string may arrive in several pieces).
   * @param {Uint8Array} chunk @param {number} from @param {number} to
   */
  append(chunk, from, to) {
    const size = to - from;
    if (this.#byteLength + size > this.#bytes.length) {
      let capacity = this.#bytes.length * 2;
      while (capacity < this.#byteLength + size) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.#bytes.subarray(0, this.#byteLength));
      this.#bytes = grown;
    }
    const bytes = this.#bytes;
    let at = this.#byteLength;
    // most strings are short: a loop beats making a subarray view (a Buffer's subarray is a new Buffer)
    if (size < 64) for (let i = from; i < to; i++) bytes[at++] = /** @type {number} */ (chunk[i]);
    else bytes.set(new Uint8Array(chunk.buffer, chunk.byteOffset + from, size), at);
    this.#byteLength += size;
  }

  /** Ends the string being read; `escaped` when a backslash was seen in it. */
  /** @param {boolean} escaped */
  endString(escaped) {
    if (this.#count + 1 >= this.#starts.length) {
      const starts = new Uint32Array(this.#starts.length * 2);
      starts.set(this.#starts);
      this.#starts = starts;
      const flags = new Uint8Array(this.#escaped.length * 2);
      flags.set(this.#escaped);
      this.#escaped = flags;
    }
    if (escaped) this.#escaped[this.#count] = 1;
    this.#count++;
    this.#starts[this.#count] = this.#byteLength;
  }

  /** Trims the buffers to their content once every string is in. */
  finish() {
    this.#bytes = this.#bytes.slice(0, this.#byteLength);
    this.#starts = this.#starts.slice(0, this.#count + 1);
    this.#escaped = this.#escaped.slice(0, this.#count);
    this.#view = Buffer.from(this.#bytes.buffer, this.#bytes.byteOffset, this.#bytes.byteLength);
  }

  /** @param {number} index @returns {string} '' when out of range */
  get(index) {
    if (!(index >= 0 && index < this.#count)) return '';
    const view = this.#view ?? Buffer.from(this.#bytes.buffer, 0, this.#byteLength);
    const text = view.toString('utf8', this.#starts[index], this.#starts[index + 1]);
    return this.#escaped[index] ? JSON.parse(`"${text}"`) : text;
  }

  /**
   * The index of each of `texts` (its first occurrence; -1 if absent), found in one pass over the table.
   * V8 stores each distinct string once, so an edge or node name can then be compared as a number.
   * @param {readonly string[]} texts
   * @returns {Map<string, number>}
   */
  indicesOf(texts) {
    /** @type {Map<string, number>} */
    const found = new Map(texts.map((text) => [text, -1]));
    /** @type {Map<number, Array<{ text: string, bytes: Buffer }>>} texts V8 writes unescaped, by byte length */
    const byLength = new Map();
    /** @type {string[]} texts to compare with the strings that have escapes, decoded */
    const decodedTexts = [];
    for (const text of new Set(texts)) {
      // V8 escapes quotes, backslashes and control characters (some versions non-ASCII characters too)
      const bytes = Buffer.from(text, 'utf8');
      const plain = bytes.every((byte) => byte >= 0x20 && byte !== BACKSLASH && byte !== QUOTE);
      if (plain) byLength.set(bytes.length, [...(byLength.get(bytes.length) ?? []), { text, bytes }]);
      if (!plain || bytes.some((byte) => byte > 0x7e)) decodedTexts.push(text);
    }
    const bytes = this.#bytes;
    let missing = new Set(texts).size;
    for (let index = 0; index < this.#count && missing > 0; index++) {
      const start = /** @type {number} */ (this.#starts[index]); // index < count
      if (this.#escaped[index]) {
        if (decodedTexts.length === 0) continue;
        const decoded = this.get(index);
        if (decodedTexts.includes(decoded) && found.get(decoded) === -1) {
          found.set(decoded, index);
          missing--;
        }
        continue;
      }
      const candidates = byLength.get(/** @type {number} */ (this.#starts[index + 1]) - start);
      if (candidates === undefined) continue;
      for (const wanted of candidates) {
        if (found.get(wanted.text) !== -1) continue;
        let same = true;
        for (let i = 0; i < wanted.bytes.length && same; i++) same = bytes[start + i] === wanted.bytes[i];
        if (same) {
          found.set(wanted.text, index);
          missing--;
        }
      }
    }
    return found;
  }

  /**
   * Indices of every string that starts with `prefix`, an ASCII text without quotes or backslashes
   * (compared as raw bytes, nothing decoded).
   * @param {string} prefix @returns {Set<number>}
   */
  startingWith(prefix) {
    const wanted = Buffer.from(prefix, 'latin1');
    /** @type {Set<number>} */
    const found = new Set();
    const bytes = this.#bytes;
    for (let index = 0; index < this.#count; index++) {
      const start = /** @type {number} */ (this.#starts[index]); // index < count
      if (/** @type {number} */ (this.#starts[index + 1]) - start < wanted.length) continue;
      let same = true;
      for (let i = 0; i < wanted.length && same; i++) same = bytes[start + i] === wanted[i];
      if (same) found.add(index);
    }
    return found;
  }
}

module.exports = { SnapshotStrings };
