'use strict';

// A heap snapshot's node and edge tables as a graph, read in place: fields by name, each node's edges
// (the snapshot lists them in node order, so one prefix sum of edge counts finds them) and, built once
// as a compressed sparse row index, each node's retainers (the edges that point at it). Nothing here
// makes an object per node or per edge: a 200 MB heap has millions of both.

/** @typedef {import('./heap-snapshot-parser.js').HeapSnapshot} HeapSnapshot */

const NONE = 0xffffffff;

class SnapshotGraph {
  /** @param {HeapSnapshot} snapshot */
  constructor(snapshot) {
    const { meta, nodes, edges } = snapshot;
    this.strings = snapshot.strings;
    this.locations = snapshot.locations;
    this.locationFields = meta.location_fields ?? ['object_index', 'script_id', 'line', 'column'];
    this.nodes = nodes;
    this.edges = edges;
    this.nodeFields = meta.node_fields.length;
    this.edgeFields = meta.edge_fields.length;
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.nodeTypeField = meta.node_fields.indexOf('type');
    this.nodeNameField = meta.node_fields.indexOf('name');
    const edgeCountField = meta.node_fields.indexOf('edge_count');
    this.edgeTypeField = meta.edge_fields.indexOf('type');
    this.edgeNameField = meta.edge_fields.indexOf('name_or_index');
    this.edgeToField = meta.edge_fields.indexOf('to_node');
    if ([this.nodeTypeField, this.nodeNameField, edgeCountField, this.edgeTypeField, this.edgeNameField, this.edgeToField].includes(-1)) {
      throw new Error('the heap snapshot lacks a node or edge field the analysis reads (type, name, edge_count, name_or_index, to_node)');
    }
    this.nodeCount = nodes.length / this.nodeFields;
    this.edgeCount = edges.length / this.edgeFields;
    /** @type {(name: string) => number} */
    const edgeType = (name) => this.edgeTypes.indexOf(name);
    this.contextEdge = edgeType('context');
    this.elementEdge = edgeType('element');
    this.propertyEdge = edgeType('property');
    this.hiddenEdge = edgeType('hidden');
    this.weakEdge = edgeType('weak');

    // first edge of each node; node n's edges are firstEdge[n] .. firstEdge[n + 1] - 1
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    let edge = 0;
    for (let node = 0; node < this.nodeCount; node++) {
      this.firstEdge[node] = edge;
      edge += /** @type {number} */ (nodes[node * this.nodeFields + edgeCountField]); // node < nodeCount
    }
    this.firstEdge[this.nodeCount] = edge;
    if (edge !== this.edgeCount) throw new Error(`the heap snapshot's nodes count ${edge} edges, its edge table holds ${this.edgeCount}`);

    // Retainers (reverse edges), as the edge numbers pointing at each node: node n's are
    // retainerEdges[firstRetainer[n] .. firstRetainer[n + 1] - 1]. Counted, summed, then filled.
    // Indices are in range by construction: to_node is a node's offset in the node table.
    const firstRetainer = new Uint32Array(this.nodeCount + 1);
    for (let at = this.edgeToField; at < edges.length; at += this.edgeFields) {
      const after = /** @type {number} */ (edges[at]) / this.nodeFields + 1;
      firstRetainer[after] = /** @type {number} */ (firstRetainer[after]) + 1;
    }
    for (let node = 0; node < this.nodeCount; node++) {
      firstRetainer[node + 1] = /** @type {number} */ (firstRetainer[node + 1]) + /** @type {number} */ (firstRetainer[node]);
    }
    const retainerEdges = new Uint32Array(this.edgeCount);
    const filled = firstRetainer.slice(0, this.nodeCount);
    for (let at = this.edgeToField, edge = 0; at < edges.length; at += this.edgeFields, edge++) {
      const to = /** @type {number} */ (edges[at]) / this.nodeFields;
      const slot = /** @type {number} */ (filled[to]);
      retainerEdges[slot] = edge;
      filled[to] = slot + 1;
    }
    this.firstRetainer = firstRetainer;
    this.retainerEdges = retainerEdges;
  }

  /** @param {number} node */
  nameIndex(node) {
    return /** @type {number} */ (this.nodes[node * this.nodeFields + this.nodeNameField]);
  }

  /** @param {number} node */
  name(node) {
    return this.strings.get(this.nameIndex(node));
  }

  /** @param {number} node */
  typeName(node) {
    return this.nodeTypes[/** @type {number} */ (this.nodes[node * this.nodeFields + this.nodeTypeField])] ?? '';
  }

  /** @param {number} edge */
  edgeType(edge) {
    return /** @type {number} */ (this.edges[edge * this.edgeFields + this.edgeTypeField]);
  }

  /** @param {number} edge */
  edgeTypeName(edge) {
    return this.edgeTypes[this.edgeType(edge)] ?? '';
  }

  /** A string index, except for element and hidden edges, whose name is an index number. */
  /** @param {number} edge */
  edgeNameOrIndex(edge) {
    return /** @type {number} */ (this.edges[edge * this.edgeFields + this.edgeNameField]);
  }

  /** @param {number} edge */
  hasIndexName(edge) {
    const type = this.edgeType(edge);
    return type === this.elementEdge || type === this.hiddenEdge;
  }

  /** @param {number} edge */
  edgeName(edge) {
    const raw = this.edgeNameOrIndex(edge);
    return this.hasIndexName(edge) ? String(raw) : this.strings.get(raw);
  }

  /** @param {number} edge */
  edgeTo(edge) {
    return /** @type {number} */ (this.edges[edge * this.edgeFields + this.edgeToField]) / this.nodeFields;
  }

  /** The node whose edge list holds `edge` (binary search over firstEdge). */
  /** @param {number} edge */
  edgeFrom(edge) {
    let low = 0;
    let high = this.nodeCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (/** @type {number} */ (this.firstEdge[middle]) <= edge) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The first edge of `node` with this name (a string index; not for element and hidden edges), or -1.
   * @param {number} node @param {number} nameIndex
   */
  edgeNamed(node, nameIndex) {
    const end = /** @type {number} */ (this.firstEdge[node + 1]);
    for (let edge = /** @type {number} */ (this.firstEdge[node]); edge < end; edge++) {
      if (this.edgeNameOrIndex(edge) === nameIndex && !this.hasIndexName(edge)) return edge;
    }
    return -1;
  }

  /**
   * The edges pointing at `node` (a copy: a few at a time are read).
   * @param {number} node @returns {Uint32Array}
   */
  retainers(node) {
    return this.retainerEdges.subarray(this.firstRetainer[node], this.firstRetainer[node + 1]);
  }

  /**
   * Breadth-first from the root (node 0): for each node reached, the edge that first reached it, so
   * every path read back from it is a shortest one. `follow(edge)` says which edges keep things alive;
   * nodes for which `expand(node)` is false are reached but nothing is reached through them.
   * @param {(edge: number) => boolean} follow @param {(node: number) => boolean} expand
   * @returns {Uint32Array} parent edge per node, NONE where unreachable (and for the root)
   */
  shortestPaths(follow, expand) {
    const parentEdge = new Uint32Array(this.nodeCount).fill(NONE);
    const queue = new Uint32Array(this.nodeCount);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    // head < tail <= nodeCount: each node is queued once (the root is never reached again: it has no retainer)
    while (head < tail) {
      const node = /** @type {number} */ (queue[head++]);
      const end = /** @type {number} */ (this.firstEdge[node + 1]);
      for (let edge = /** @type {number} */ (this.firstEdge[node]); edge < end; edge++) {
        const to = this.edgeTo(edge);
        if (to === 0 || parentEdge[to] !== NONE || !follow(edge)) continue;
        parentEdge[to] = edge;
        if (expand(to)) queue[tail++] = to;
      }
    }
    return parentEdge;
  }

  /**
   * Edges from the root down to `node`, read back from shortestPaths().
   * @param {number} node @param {Uint32Array} parentEdge
   * @returns {number[]}
   */
  pathTo(node, parentEdge) {
    /** @type {number[]} */
    const path = [];
    for (let at = node; at !== 0 && parentEdge[at] !== NONE && path.length < 10_000; ) {
      const edge = /** @type {number} */ (parentEdge[at]);
      path.push(edge);
      at = this.edgeFrom(edge);
    }
    return path.reverse();
  }

  /**
   * `file:line` where V8 places a closure (its definition), or null: the snapshot's locations table
   * gives a script id and line, the closure's script (shared → script_or_debug_info) its name.
   * @param {number} closure @param {{ shared: number, script: number }} names string indices
   * @returns {string | null}
   */
  closureLocation(closure, names) {
    const sharedEdge = this.edgeNamed(closure, names.shared);
    if (sharedEdge === -1) return null;
    const scriptEdge = this.edgeNamed(this.edgeTo(sharedEdge), names.script);
    const file = scriptEdge === -1 ? '' : this.name(this.edgeTo(scriptEdge));
    if (!file || file.startsWith('system /')) return null;
    const fields = this.locationFields;
    const objectField = fields.indexOf('object_index');
    const lineField = fields.indexOf('line');
    if (objectField === -1 || lineField === -1) return null; // no line rather than one read from the wrong field
    const offset = closure * this.nodeFields;
    for (let at = 0; at + fields.length <= this.locations.length; at += fields.length) {
      if (this.locations[at + objectField] !== offset) continue;
      return `${file}:${/** @type {number} */ (this.locations[at + lineField]) + 1}`;
    }
    return null;
  }
}

module.exports = { SnapshotGraph, NONE };
