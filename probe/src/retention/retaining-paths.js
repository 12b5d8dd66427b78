'use strict';

const path = require('node:path');

/** @typedef {import('./heap-snapshot-parser.js').HeapSnapshot} HeapSnapshot */

/**
 * One group of retained sockets: the same holding chain, from the same place in the program.
 * @typedef {object} RetentionGroup
 * @property {number} count
 * @property {string[]} path developer names, from the variable (or global property) that holds the
 *   collection down to the socket, e.g. ["clients (Set) in the scope of startServer", "Socket"]
 * @property {string | null} location `file:line` of the function whose scope holds the variable
 */

/**
 * Finds the closed sockets the program still holds and how. Each one was tagged by the probe with a
 * property holding an instance of a uniquely named marker class: an outgoing edge, so the tag does not
 * retain the socket, and the marker nodes are found by name without knowing anything of net.Socket's
 * layout. The marker's owner is the socket; its shortest path from the GC roots, over strong edges only,
 * is the chain that keeps it.
 * @param {HeapSnapshot} snapshot
 * @param {{ markerClass: string, ignoredHolders?: string[] }} options ignoredHolders: class names of
 *   the probe's own bookkeeping, never taken as a holder (it holds sockets weakly anyway)
 * @returns {{ retained: number, groups: RetentionGroup[] }}
 */
function findRetainedSockets(snapshot, { markerClass, ignoredHolders = [] }) {
  const graph = new Graph(snapshot);
  const markerName = graph.stringIndex(markerClass);
  const ignored = new Set(ignoredHolders.map((name) => graph.stringIndex(name)).filter((index) => index !== -1));
  if (markerName === -1) return { retained: 0, groups: [] };
  const { parentEdge } = graph.shortestPaths(ignored);

  /** @type {Map<string, RetentionGroup>} */
  const groups = new Map();
  let retained = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    if (graph.nameIndex(node) !== markerName || graph.typeName(node) !== 'object') continue;
    const markerEdge = /** @type {number} */ (parentEdge[node]); // node < nodeCount, parentEdge's length
    if (markerEdge === NONE) continue; // unreachable: collected by the snapshot's own collections
    const socket = graph.edgeFrom(markerEdge);
    retained++;
    const described = describe(graph, graph.pathTo(socket, parentEdge));
    const key = JSON.stringify(described);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { count: 1, ...described });
    else group.count++;
  }
  return { retained, groups: [...groups.values()].sort((a, b) => b.count - a.count) };
}

const NONE = 0xffffffff;

/** The snapshot's node and edge tables, read by field name. */
class Graph {
  /** @param {HeapSnapshot} snapshot */
  constructor(snapshot) {
    const { meta } = snapshot;
    this.snapshot = snapshot;
    this.nodeFields = meta.node_fields.length;
    this.edgeFields = meta.edge_fields.length;
    this.nodeTypes = meta.node_types[0];
    this.edgeTypes = meta.edge_types[0];
    this.nodeTypeField = meta.node_fields.indexOf('type');
    this.nodeNameField = meta.node_fields.indexOf('name');
    this.edgeCountField = meta.node_fields.indexOf('edge_count');
    this.edgeTypeField = meta.edge_fields.indexOf('type');
    this.edgeNameField = meta.edge_fields.indexOf('name_or_index');
    this.edgeToField = meta.edge_fields.indexOf('to_node');
    this.nodeCount = snapshot.nodes.length / this.nodeFields;
    this.weak = this.edgeTypes.indexOf('weak');
    this.elementType = this.edgeTypes.indexOf('element');
    this.hiddenType = this.edgeTypes.indexOf('hidden');
    // first edge (as an edge number) of each node; the edges of node n are firstEdge[n] .. firstEdge[n+1]-1
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    /** owner of each edge, found from firstEdge on demand */
    const { nodes } = snapshot;
    let edge = 0;
    for (let node = 0; node < this.nodeCount; node++) {
      this.firstEdge[node] = edge;
      edge += /** @type {number} */ (nodes[node * this.nodeFields + this.edgeCountField]); // node < nodeCount
    }
    this.firstEdge[this.nodeCount] = edge;
    /** @type {Map<number, { name: string, location: string | null }>} scopeOf() per context node */
    this.scopes = new Map();
  }

  /** @param {string} text @returns {number} */
  stringIndex(text) {
    return this.snapshot.strings.indexOf(text);
  }

  /** @param {number} node */
  nameIndex(node) {
    return this.snapshot.nodes[node * this.nodeFields + this.nodeNameField] ?? 0;
  }

  /** @param {number} node */
  name(node) {
    return this.snapshot.strings[this.nameIndex(node)] ?? '';
  }

  /** @param {number} node */
  typeName(node) {
    return this.nodeTypes[this.snapshot.nodes[node * this.nodeFields + this.nodeTypeField] ?? 0] ?? '';
  }

  /** @param {number} edge */
  edgeType(edge) {
    return this.snapshot.edges[edge * this.edgeFields + this.edgeTypeField] ?? 0;
  }

  /** @param {number} edge */
  edgeTypeName(edge) {
    return this.edgeTypes[this.edgeType(edge)] ?? '';
  }

  /** @param {number} edge */
  edgeName(edge) {
    const type = this.edgeType(edge);
    const raw = this.snapshot.edges[edge * this.edgeFields + this.edgeNameField] ?? 0;
    return type === this.elementType || type === this.hiddenType ? String(raw) : this.snapshot.strings[raw] ?? '';
  }

  /** @param {number} edge */
  edgeTo(edge) {
    return (this.snapshot.edges[edge * this.edgeFields + this.edgeToField] ?? 0) / this.nodeFields;
  }

  /** @param {number} edge the node whose edge list holds it (binary search over firstEdge) */
  edgeFrom(edge) {
    let low = 0;
    let high = this.nodeCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (/** @type {number} */ (this.firstEdge[middle]) <= edge) low = middle; // 0 < middle < nodeCount
      else high = middle - 1;
    }
    return low;
  }

  /**
   * Named edge of a node (first match), or -1.
   * @param {number} node @param {string} name
   */
  edgeNamed(node, name) {
    // node is a node number (< nodeCount), so node + 1 is within firstEdge (nodeCount + 1 entries)
    for (let edge = /** @type {number} */ (this.firstEdge[node]); edge < /** @type {number} */ (this.firstEdge[node + 1]); edge++) {
      if (this.edgeName(edge) === name) return edge;
    }
    return -1;
  }

  /**
   * Breadth-first from the root over strong edges: for each reachable node, the edge that first reached it.
   * Weak edges, the halves of WeakMap entries ("part of key … pair in WeakMap") and the probe's own
   * bookkeeping are not followed: none of them keeps a socket alive.
   * @param {Set<number>} ignoredNames
   */
  shortestPaths(ignoredNames) {
    const parentEdge = new Uint32Array(this.nodeCount).fill(NONE);
    const visited = new Uint8Array(this.nodeCount);
    const queue = new Uint32Array(this.nodeCount);
    const { edges, strings } = this.snapshot;
    const weakPair = new Set();
    strings.forEach((text, index) => {
      if (text.startsWith('part of key')) weakPair.add(index);
    });
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    visited[0] = 1;
    // Indices below are in range by construction: head < tail <= nodeCount (each node is queued once),
    // a node's edges lie within the edge table, and to_node is a node's offset in the node table.
    while (head < tail) {
      const node = /** @type {number} */ (queue[head++]);
      for (let edge = /** @type {number} */ (this.firstEdge[node]); edge < /** @type {number} */ (this.firstEdge[node + 1]); edge++) {
        const at = edge * this.edgeFields;
        const type = edges[at + this.edgeTypeField];
        if (type === this.weak) continue;
        if (type !== this.elementType && type !== this.hiddenType && weakPair.has(edges[at + this.edgeNameField])) continue;
        const to = /** @type {number} */ (edges[at + this.edgeToField]) / this.nodeFields;
        if (visited[to]) continue;
        visited[to] = 1;
        parentEdge[to] = edge;
        if (ignoredNames.has(this.nameIndex(to))) continue; // reached, but nothing is reached through it
        queue[tail++] = to;
      }
    }
    return { parentEdge };
  }

  /**
   * Edges from the root down to `node`.
   * @param {number} node @param {Uint32Array} parentEdge
   * @returns {number[]}
   */
  pathTo(node, parentEdge) {
    /** @type {number[]} */
    const edges = [];
    let at = node;
    while (at !== 0 && parentEdge[at] !== NONE && edges.length < 10_000) {
      const edge = /** @type {number} */ (parentEdge[at]); // checked just above (not NONE, so present)
      edges.push(edge);
      at = this.edgeFrom(edge);
    }
    return edges.reverse();
  }
}

/**
 * The tail of a retaining path in a developer's words: from the last variable (a context edge) or,
 * failing that, the last named property, down to the socket. Engine internals (a Set's table, an
 * array's backing store, maps, hidden links) are left out.
 * @param {Graph} graph
 * @param {number[]} edges root → socket
 * @returns {{ path: string[], location: string | null }}
 */
function describe(graph, edges) {
  if (edges.length === 0) return { path: ['Socket'], location: null };
  let start = -1;
  for (let i = edges.length - 1; i >= 0; i--) {
    const edge = /** @type {number} */ (edges[i]);
    if (graph.edgeTypeName(edge) === 'context' && graph.typeName(graph.edgeTo(edge)) !== 'hidden') {
      start = i;
      break;
    }
  }
  let location = null;
  if (start === -1) {
    // No variable on the way (e.g. a global's property): the last few named steps.
    start = Math.max(0, edges.length - 4);
    for (let i = edges.length - 1; i >= 0; i--) {
      const edge = /** @type {number} */ (edges[i]);
      if (graph.edgeTypeName(edge) === 'property' && !isInternalName(graph.edgeName(edge))) {
        start = i;
        if (edges.length - i >= 2) break;
      }
    }
  }
  /** @type {string[]} */
  const labels = [];
  for (let i = start; i < edges.length; i++) {
    const edge = /** @type {number} */ (edges[i]);
    const type = graph.edgeTypeName(edge);
    const to = graph.edgeTo(edge);
    const what = kindOf(graph, to);
    if (type === 'context') {
      const context = graph.edgeFrom(edge);
      let scope = graph.scopes.get(context);
      if (scope === undefined) graph.scopes.set(context, (scope = scopeOf(graph, context)));
      location = scope.location;
      labels.push(`${graph.edgeName(edge)} (${what})${scope.name ? ` in the scope of ${scope.name}` : ''}`);
    } else if (type === 'property' && !isInternalName(graph.edgeName(edge))) {
      labels.push(i === start ? `${graph.edgeName(edge)} (${what})` : `.${graph.edgeName(edge)} (${what})`);
    } else if (type === 'element' && graph.typeName(graph.edgeFrom(edge)) === 'object') {
      labels.push(`[] (${what})`); // an Array's element; indices differ per socket, so they are not named
    } else if (i === edges.length - 1) {
      labels.push(what);
    }
  }
  // the socket itself always ends the path
  const socketKind = kindOf(graph, graph.edgeTo(/** @type {number} */ (edges[edges.length - 1]))); // not empty (returned above)
  const last = labels[labels.length - 1] ?? '';
  if (last !== socketKind && !last.endsWith(`(${socketKind})`)) labels.push(socketKind);
  return { path: labels, location };
}

/** @param {string} name */
function isInternalName(name) {
  return name === '__proto__' || name === 'map' || name.startsWith('<symbol');
}

/** @param {Graph} graph @param {number} node */
function kindOf(graph, node) {
  const type = graph.typeName(node);
  const name = graph.name(node);
  if (type === 'closure') return name ? `function ${name}` : 'function';
  if (type === 'array') return 'array';
  if (type === 'object') return name || 'Object';
  return name || type;
}

/**
 * The function whose scope a context belongs to, named and located. V8 records a script and a line for
 * live closures only: the owning function (its SharedFunctionInfo carries the context's ScopeInfo) when
 * it is still alive, else the first closure that captured this scope (an inner function of it, e.g. the
 * connection handler, in the same file). Named after the function the location points to.
 * @param {Graph} graph @param {number} context
 * @returns {{ name: string, location: string | null }}
 */
function scopeOf(graph, context) {
  const scopeInfoEdge = graph.edgeNamed(context, 'scope_info');
  const scopeInfo = scopeInfoEdge === -1 ? -1 : graph.edgeTo(scopeInfoEdge);
  let owner = -1;
  let inner = -1;
  for (let node = 0; node < graph.nodeCount && owner === -1; node++) {
    if (graph.typeName(node) !== 'closure') continue;
    const contextEdge = graph.edgeNamed(node, 'context');
    if (inner === -1 && contextEdge !== -1 && graph.edgeTo(contextEdge) === context) inner = node;
    const sharedEdge = graph.edgeNamed(node, 'shared');
    if (scopeInfo !== -1 && sharedEdge !== -1) {
      const scopeEdge = graph.edgeNamed(graph.edgeTo(sharedEdge), 'name_or_scope_info');
      if (scopeEdge !== -1 && graph.edgeTo(scopeEdge) === scopeInfo) owner = node;
    }
  }
  const where = owner !== -1 ? owner : inner;
  if (where === -1) return { name: '', location: null };
  const location = closureLocation(graph, where);
  const name = graph.name(where) || (location ? `${path.basename(location.replace(/:\d+$/, ''))} (module)` : '');
  return { name, location };
}

/** `file:line` of a closure, from the snapshot's locations table and its script's name. */
function closureLocation(/** @type {Graph} */ graph, /** @type {number} */ closure) {
  const sharedEdge = graph.edgeNamed(closure, 'shared');
  if (sharedEdge === -1) return null;
  const scriptEdge = graph.edgeNamed(graph.edgeTo(sharedEdge), 'script_or_debug_info');
  const file = scriptEdge === -1 ? '' : graph.name(graph.edgeTo(scriptEdge));
  if (!file || file.startsWith('system /')) return null;
  const { locations, meta } = graph.snapshot;
  const fields = meta.location_fields ?? ['object_index', 'script_id', 'line', 'column'];
  const objectField = fields.indexOf('object_index');
  const lineField = fields.indexOf('line');
  // A snapshot whose location fields lack these, or whose table ends in a partial record, has no line
  // to give: no location rather than a line read from the wrong field or "NaN".
  if (objectField === -1 || lineField === -1) return null;
  const offset = closure * graph.nodeFields;
  for (let at = 0; at < locations.length; at += fields.length) {
    if (locations[at + objectField] !== offset) continue;
    const line = locations[at + lineField];
    return line === undefined ? null : `${file}:${line + 1}`;
  }
  return null;
}

module.exports = { findRetainedSockets };
