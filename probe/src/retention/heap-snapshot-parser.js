'use strict';

// A streaming reader of V8's heap snapshot JSON (the format of v8.getHeapSnapshot()), written for the
// retention analysis: it keeps the node and edge tables as typed arrays (7 and 3 numbers per entry in
// Node 20) and the strings as one array, and never holds the whole text. The text has a fixed shape:
//   {"snapshot":{"meta":{…},"node_count":N,"edge_count":M,…},
//    "nodes":[…numbers…], "edges":[…numbers…], "trace_function_infos":[…], "trace_tree":[…],
//    "samples":[…], "locations":[…numbers…], "strings":["…", …]}

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * @typedef {object} HeapSnapshot
 * @property {{ node_fields: string[], node_types: [string[], ...unknown[]], edge_fields: string[], edge_types: [string[], ...unknown[]], location_fields?: string[] }} meta
 * @property {number} nodeCount
 * @property {number} edgeCount
 * @property {Uint32Array} nodes
 * @property {Uint32Array} edges
 * @property {Uint32Array} locations
 * @property {string[]} strings
 */

class HeapSnapshotParser {
  /** @type {'header' | 'key' | 'numbers' | 'skip' | 'strings' | 'done'} */
  #phase = 'header';
  /** text of the header, or of the key between two arrays */
  #text = '';
  /** @type {any} */
  #header;
  /** where the numbers of the current array go */
  /** @type {Uint32Array | undefined} */
  #target;
  #targetLength = 0;
  #number = 0;
  #inNumber = false;
  #skipDepth = 0;
  /** @type {Uint32Array} */
  #nodes = new Uint32Array(0);
  /** @type {Uint32Array} */
  #edges = new Uint32Array(0);
  /** @type {Uint32Array} grown by #grow, then the filled array itself (any buffer kind, like #target) */
  #locations = new Uint32Array(1024);
  #locationCount = 0;
  /** @type {'nodes' | 'edges' | 'locations'} */
  #targetName = 'nodes';
  /** @type {string[]} */
  #strings = [];
  #inString = false;
  #escaped = false;
  #stringHasEscape = false;
  /** @type {Buffer[]} */
  #stringParts = [];

  /** @param {Buffer} chunk */
  write(chunk) {
    let at = 0;
    while (at < chunk.length) {
      switch (this.#phase) {
        case 'header':
        case 'key':
          at = this.#readKey(chunk, at);
          break;
        case 'numbers':
          at = this.#readNumbers(chunk, at);
          break;
        case 'skip':
          at = this.#skip(chunk, at);
          break;
        case 'strings':
          at = this.#readStrings(chunk, at);
          break;
        case 'done':
          return;
      }
    }
  }

  /** @returns {HeapSnapshot} */
  end() {
    if (this.#phase !== 'done') throw new Error(`heap snapshot ended early (while reading ${this.#phase})`);
    const meta = this.#header.snapshot.meta;
    return {
      meta,
      nodeCount: this.#header.snapshot.node_count,
      edgeCount: this.#header.snapshot.edge_count,
      nodes: this.#nodes,
      edges: this.#edges,
      locations: this.#locations.subarray(0, this.#locationCount),
      strings: this.#strings,
    };
  }

  /**
   * Reads up to the next '[' and decides what the array that opens there holds.
   * @param {Buffer} chunk @param {number} at
   */
  #readKey(chunk, at) {
    const open = chunk.indexOf(OPEN_BRACKET, at);
    const end = open === -1 ? chunk.length : open;
    this.#text += chunk.toString('latin1', at, end);
    if (open === -1) return chunk.length;
    if (this.#phase === 'header' && !/"nodes"\s*:\s*$/.test(this.#text)) {
      // '[' inside the header's meta: still header text
      this.#text += '[';
      return open + 1;
    }
    const key = /"(\w+)"\s*:\s*$/.exec(this.#text)?.[1];
    if (this.#phase === 'header') this.#startTables(this.#text);
    this.#text = '';
    this.#beginArray(key);
    return open + 1;
  }

  /** @param {string} headerText `{"snapshot":{…},"nodes":` */
  #startTables(headerText) {
    const json = headerText.replace(/,\s*"nodes"\s*:\s*$/, '}');
    this.#header = JSON.parse(json);
    const { meta, node_count: nodeCount, edge_count: edgeCount } = this.#header.snapshot;
    this.#nodes = new Uint32Array(nodeCount * meta.node_fields.length);
    this.#edges = new Uint32Array(edgeCount * meta.edge_fields.length);
  }

  /** @param {string | undefined} key */
  #beginArray(key) {
    if (key === 'nodes' || key === 'edges' || key === 'locations') {
      this.#targetName = key;
      this.#target = key === 'nodes' ? this.#nodes : key === 'edges' ? this.#edges : this.#locations;
      this.#targetLength = 0;
      this.#phase = 'numbers';
    } else if (key === 'strings') {
      this.#phase = 'strings';
    } else {
      this.#skipDepth = 1;
      this.#phase = 'skip';
    }
  }

  /** @param {Buffer} chunk @param {number} at */
  #readNumbers(chunk, at) {
    let target = /** @type {Uint32Array} */ (this.#target);
    let length = this.#targetLength;
    let number = this.#number;
    let inNumber = this.#inNumber;
    const size = chunk.length;
    let i = at;
    for (; i < size; i++) {
      const byte = /** @type {number} */ (chunk[i]); // i < size
      if (byte >= ZERO && byte <= NINE) {
        number = number * 10 + (byte - ZERO);
        inNumber = true;
        continue;
      }
      if (inNumber) {
        if (length === target.length) target = this.#grow(target);
        target[length++] = number;
        number = 0;
        inNumber = false;
      }
      if (byte === CLOSE_BRACKET) {
        i++;
        this.#finishNumbers(target, length);
        this.#number = 0;
        this.#inNumber = false;
        return i;
      }
    }
    this.#target = target;
    this.#targetLength = length;
    this.#number = number;
    this.#inNumber = inNumber;
    return i;
  }

  /** @param {Uint32Array} target */
  #grow(target) {
    if (this.#targetName !== 'locations') throw new Error(`heap snapshot has more ${this.#targetName} than its header says`);
    const grown = new Uint32Array(target.length * 2);
    grown.set(target);
    return grown;
  }

  /** @param {Uint32Array} target @param {number} length */
  #finishNumbers(target, length) {
    if (this.#targetName === 'locations') {
      this.#locations = target;
      this.#locationCount = length;
    } else if (length !== target.length) {
      throw new Error(`heap snapshot has ${length} ${this.#targetName} numbers, its header says ${target.length}`);
    }
    this.#target = undefined;
    this.#phase = 'key';
  }

  /** Arrays the analysis does not need (allocation traces, samples): numbers and nested arrays only. */
  /** @param {Buffer} chunk @param {number} at */
  #skip(chunk, at) {
    for (let i = at; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === OPEN_BRACKET) this.#skipDepth++;
      else if (byte === CLOSE_BRACKET && --this.#skipDepth === 0) {
        this.#phase = 'key';
        return i + 1;
      }
    }
    return chunk.length;
  }

  /** @param {Buffer} chunk @param {number} at */
  #readStrings(chunk, at) {
    let i = at;
    const size = chunk.length;
    while (i < size) {
      if (!this.#inString) {
        const byte = chunk[i];
        if (byte === QUOTE) {
          this.#inString = true;
          this.#stringHasEscape = false;
          this.#stringParts = [];
        } else if (byte === CLOSE_BRACKET) {
          this.#phase = 'done';
          return size;
        }
        i++;
        continue;
      }
      // Inside a string: find its closing quote, one not escaped by a backslash.
      let j = i;
      for (; j < size; j++) {
        const byte = chunk[j];
        if (this.#escaped) this.#escaped = false;
        else if (byte === BACKSLASH) {
          this.#escaped = true;
          this.#stringHasEscape = true;
        } else if (byte === QUOTE) break;
      }
      this.#stringParts.push(chunk.subarray(i, j));
      if (j === size) return size; // continues in the next chunk (stream chunks are never reused)
      this.#endString();
      i = j + 1;
    }
    return size;
  }

  #endString() {
    const parts = this.#stringParts;
    const raw = parts.length === 1 ? /** @type {Buffer} */ (parts[0]) : Buffer.concat(parts);
    const text = raw.toString('utf8');
    this.#strings.push(this.#stringHasEscape ? JSON.parse(`"${text}"`) : text);
    this.#inString = false;
    this.#stringParts = [];
  }
}

module.exports = { HeapSnapshotParser };
