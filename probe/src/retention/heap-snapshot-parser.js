'use strict';

// A streaming reader of V8's heap snapshot JSON (the text of v8.getHeapSnapshot()), fed chunk by chunk
// as the text arrives. It never holds the text: the node and edge tables go straight from the bytes into
// Uint32Arrays sized from the header, the strings into one byte buffer (decoded only when asked for), and
// the arrays the analysis does not read (allocation traces, samples) are skipped. The text has this shape:
//   {"snapshot":{"meta":{…},"node_count":N,"edge_count":M,…},
//    "nodes":[…numbers…],"edges":[…numbers…],"trace_function_infos":[…],"trace_tree":[…],
//    "samples":[…],"locations":[…numbers…],"strings":["…",…]}
// Written for this format only (no JSON in general): top-level keys in any order, numbers arrays of
// non-negative integers, and whitespace where V8 puts newlines.

const { SnapshotStrings } = require('./snapshot-strings.js');

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const COLON = 0x3a;
const ZERO = 0x30;

/** @param {number} byte */
const isSpace = (byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * @typedef {object} SnapshotMeta
 * @property {string[]} node_fields
 * @property {[string[], ...unknown[]]} node_types
 * @property {string[]} edge_fields
 * @property {[string[], ...unknown[]]} edge_types
 * @property {string[]} [location_fields]
 */

/**
 * @typedef {object} HeapSnapshot
 * @property {SnapshotMeta} meta
 * @property {number} nodeCount
 * @property {number} edgeCount
 * @property {Uint32Array} nodes node_fields numbers per node
 * @property {Uint32Array} edges edge_fields numbers per edge
 * @property {Uint32Array} locations location_fields numbers per closure with a known place
 * @property {SnapshotStrings} strings
 */

/** The top-level arrays read as numbers; every other array but `strings` is skipped. */
const NUMBER_ARRAYS = new Set(['nodes', 'edges', 'locations']);

class HeapSnapshotParser {
  /** @type {'start' | 'key' | 'inKey' | 'colon' | 'value' | 'object' | 'numbers' | 'strings' | 'skip' | 'done'} */
  #state = 'start';
  #maxTableBytes;
  /** the key whose value is being read */
  #key = '';
  /** @type {Buffer[]} bytes of the `snapshot` object (the header), parsed once whole */
  #objectParts = [];
  #depth = 0;
  #inString = false;
  #escapePending = false;
  #stringHasEscape = false;
  /** @type {{ meta: SnapshotMeta, node_count: number, edge_count: number } | undefined} */
  #header;

  // the numbers array being read
  /** @type {Uint32Array} */
  #target = new Uint32Array(0);
  #length = 0;
  #number = 0;
  #inNumber = false;
  /** @type {Map<string, Uint32Array>} the number arrays read so far, trimmed to their length */
  #tables = new Map();

  #strings = new SnapshotStrings();
  #sawStrings = false;

  /**
   * @param {{ maxTableBytes?: number }} [options] maxTableBytes: refuse, as soon as the header is read, a
   *   snapshot whose node and edge tables would take more memory than this
   */
  constructor({ maxTableBytes = Infinity } = {}) {
    this.#maxTableBytes = maxTableBytes;
  }

  /** @param {Uint8Array} chunk */
  write(chunk) {
    let at = 0;
    const size = chunk.length;
    while (at < size) {
      switch (this.#state) {
        case 'numbers':
          at = this.#readNumbers(chunk, at);
          break;
        case 'strings':
          at = this.#readStrings(chunk, at);
          break;
        case 'skip':
        case 'object':
          at = this.#readNested(chunk, at);
          break;
        case 'done':
          return;
        default:
          at = this.#readTopLevel(chunk, at);
      }
    }
  }

  /** @returns {HeapSnapshot} */
  end() {
    if (this.#state !== 'done') throw new Error(`the heap snapshot ended early (while reading ${this.#key || this.#state})`);
    const header = this.#header;
    if (header === undefined) throw new Error('the heap snapshot has no "snapshot" header');
    const nodes = this.#tables.get('nodes');
    const edges = this.#tables.get('edges');
    if (nodes === undefined || edges === undefined || !this.#sawStrings) throw new Error('the heap snapshot lacks its nodes, edges or strings');
    const { meta } = header;
    this.#checkCount('nodes', nodes, header.node_count * meta.node_fields.length);
    this.#checkCount('edges', edges, header.edge_count * meta.edge_fields.length);
    this.#strings.finish();
    return {
      meta,
      nodeCount: header.node_count,
      edgeCount: header.edge_count,
      nodes,
      edges,
      locations: this.#tables.get('locations') ?? new Uint32Array(0),
      strings: this.#strings,
    };
  }

  /** @param {string} name @param {Uint32Array} table @param {number} expected */
  #checkCount(name, table, expected) {
    if (table.length !== expected) throw new Error(`the heap snapshot has ${table.length} ${name} numbers, its header says ${expected}`);
  }

  /**
   * Between the values of the top-level object: `{`, keys, `:`, `,`, `}`. A few dozen bytes in all.
   * @param {Uint8Array} chunk @param {number} at
   */
  #readTopLevel(chunk, at) {
    for (let i = at; i < chunk.length; i++) {
      const byte = /** @type {number} */ (chunk[i]); // i < length
      if (this.#state === 'inKey') {
        if (byte === QUOTE) this.#state = 'colon';
        else this.#key += String.fromCharCode(byte); // keys are ASCII names
        continue;
      }
      if (isSpace(byte)) continue;
      switch (this.#state) {
        case 'start':
          if (byte !== OPEN_BRACE) throw this.#unexpected(byte);
          this.#state = 'key';
          break;
        case 'key':
          if (byte === COMMA) break;
          if (byte === CLOSE_BRACE) {
            this.#state = 'done';
            return chunk.length;
          }
          if (byte !== QUOTE) throw this.#unexpected(byte);
          this.#key = '';
          this.#state = 'inKey';
          break;
        case 'colon':
          if (byte !== COLON) throw this.#unexpected(byte);
          this.#state = 'value';
          break;
        case 'value':
          if (byte === OPEN_BRACKET) this.#beginArray();
          else if (byte === OPEN_BRACE) {
            this.#objectParts = [Buffer.from('{')];
            this.#depth = 1;
            this.#inString = false;
            this.#state = 'object';
          } else throw this.#unexpected(byte);
          return i + 1;
      }
    }
    return chunk.length;
  }

  /** @param {number} byte */
  #unexpected(byte) {
    return new Error(`the heap snapshot is not in the expected format: "${String.fromCharCode(byte)}" where ${this.#state === 'value' ? 'a value' : `a ${this.#state}`} was expected`);
  }

  #beginArray() {
    if (NUMBER_ARRAYS.has(this.#key)) {
      const header = this.#header;
      // nodes and edges have their exact size in the header; locations grow as they come
      const fields = header?.meta[this.#key === 'nodes' ? 'node_fields' : 'edge_fields'].length ?? 0;
      const count = this.#key === 'nodes' ? header?.node_count : this.#key === 'edges' ? header?.edge_count : undefined;
      this.#target = new Uint32Array(count === undefined ? 1 << 16 : count * fields);
      this.#length = 0;
      this.#number = 0;
      this.#inNumber = false;
      this.#state = 'numbers';
    } else if (this.#key === 'strings') {
      this.#sawStrings = true;
      this.#inString = false;
      this.#state = 'strings';
    } else {
      this.#depth = 1;
      this.#inString = false;
      this.#state = 'skip';
    }
  }

  /**
   * The hot loop: tens of millions of numbers for a 200 MB heap, so nothing here allocates.
   * @param {Uint8Array} chunk @param {number} at
   */
  #readNumbers(chunk, at) {
    let target = this.#target;
    let capacity = target.length;
    let length = this.#length;
    let number = this.#number;
    let inNumber = this.#inNumber;
    const size = chunk.length;
    for (let i = at; i < size; i++) {
      // integer arithmetic, one unsigned compare per byte: the digits are most of the text
      const digit = (/** @type {number} */ (chunk[i]) - ZERO) | 0; // i < size
      if (digit >>> 0 < 10) {
        number = (number * 10 + digit) >>> 0;
        inNumber = true;
        continue;
      }
      if (inNumber) {
        if (length === capacity) {
          target = this.#grow(target);
          capacity = target.length;
        }
        target[length++] = number;
        number = 0;
        inNumber = false;
      }
      const byte = digit + ZERO;
      if (byte === COMMA || byte === NEWLINE) continue;
      if (isSpace(byte)) continue;
      if (byte !== CLOSE_BRACKET) {
        this.#state = 'value'; // for the message
        throw new Error(`the heap snapshot's "${this.#key}" holds "${String.fromCharCode(byte)}" where only non-negative integers were expected`);
      }
      this.#tables.set(this.#key, length === target.length ? target : target.slice(0, length));
      this.#target = new Uint32Array(0);
      this.#state = 'key';
      return i + 1;
    }
    this.#target = target;
    this.#length = length;
    this.#number = number;
    this.#inNumber = inNumber;
    return size;
  }

  /** @param {Uint32Array} target */
  #grow(target) {
    if (this.#header !== undefined && this.#key !== 'locations') {
      throw new Error(`the heap snapshot has more ${this.#key} than its header says`);
    }
    const grown = new Uint32Array(Math.max(1024, target.length * 2));
    grown.set(target);
    return grown;
  }

  /**
   * The strings array: each string's raw bytes go into the string table, escapes and all.
   * @param {Uint8Array} chunk @param {number} at
   */
  #readStrings(chunk, at) {
    const size = chunk.length;
    let i = at;
    while (i < size) {
      if (!this.#inString) {
        const byte = /** @type {number} */ (chunk[i++]); // i < size
        if (byte === QUOTE) {
          this.#inString = true;
          this.#stringHasEscape = false;
          this.#escapePending = false;
        } else if (byte === CLOSE_BRACKET) {
          this.#state = 'key';
          return i;
        } else if (byte !== COMMA && !isSpace(byte)) {
          throw new Error(`the heap snapshot's strings hold "${String.fromCharCode(byte)}" between two strings`);
        }
        continue;
      }
      // inside a string: up to its closing quote, one not escaped by a backslash
      let end = i;
      let escapePending = this.#escapePending;
      for (; end < size; end++) {
        const byte = chunk[end];
        if (escapePending) escapePending = false;
        else if (byte === BACKSLASH) {
          escapePending = true;
          this.#stringHasEscape = true;
        } else if (byte === QUOTE) break;
      }
      this.#escapePending = escapePending;
      this.#strings.append(chunk, i, end);
      if (end === size) return size; // the string goes on in the next chunk
      this.#strings.endString(this.#stringHasEscape);
      this.#inString = false;
      i = end + 1;
    }
    return size;
  }

  /**
   * An object (the header, kept as text and parsed once whole) or an array the analysis does not
   * read (skipped): followed to its closing bracket, strings and their escapes included.
   * @param {Uint8Array} chunk @param {number} at
   */
  #readNested(chunk, at) {
    const keep = this.#state === 'object' && this.#key === 'snapshot'; // other objects are skipped
    for (let i = at; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.#inString) {
        if (this.#escapePending) this.#escapePending = false;
        else if (byte === BACKSLASH) this.#escapePending = true;
        else if (byte === QUOTE) this.#inString = false;
        continue;
      }
      if (byte === QUOTE) this.#inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) this.#depth++;
      else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --this.#depth === 0) {
        if (keep) {
          this.#objectParts.push(Buffer.from(chunk.subarray(at, i + 1)));
          this.#readHeader(Buffer.concat(this.#objectParts).toString('utf8'));
          this.#objectParts = [];
        }
        this.#state = 'key';
        return i + 1;
      }
    }
    if (keep) this.#objectParts.push(Buffer.from(chunk.subarray(at))); // a copy: the chunk may be reused
    return chunk.length;
  }

  /** @param {string} text the whole `snapshot` object */
  #readHeader(text) {
    const header = JSON.parse(text);
    const meta = header?.meta;
    if (!Array.isArray(meta?.node_fields) || !Array.isArray(meta?.edge_fields) || !Number.isInteger(header.node_count) || !Number.isInteger(header.edge_count)) {
      throw new Error('the heap snapshot header lacks meta.node_fields, meta.edge_fields, node_count or edge_count');
    }
    const tableBytes = 4 * (header.node_count * meta.node_fields.length + header.edge_count * meta.edge_fields.length);
    if (tableBytes > this.#maxTableBytes) {
      throw new Error(
        `the heap snapshot has ${header.node_count} nodes and ${header.edge_count} edges: ${Math.round(tableBytes / 2 ** 20)} MiB of tables, ` +
          `over the analysis limit of ${Math.round(this.#maxTableBytes / 2 ** 20)} MiB`,
      );
    }
    this.#header = header;
  }
}

module.exports = { HeapSnapshotParser };
