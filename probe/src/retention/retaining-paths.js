'use strict';

const path = require('node:path');
const { SnapshotGraph, NONE } = require('./snapshot-graph.js');

/** @typedef {import('./heap-snapshot-parser.js').HeapSnapshot} HeapSnapshot */

/**
 * One group of retained sockets: the same holding chain, from the same place in the program.
 * @typedef {object} RetentionGroup
 * @property {number} count
 * @property {string[]} path developer names, from the variable (or global property) that holds the
 *   collection down to the socket, e.g. ["clients (Set) in the scope of onConnection (declared in startChat)", "Socket"]
 * @property {string | null} location `file:line` of the function whose scope holds the variable
 */

/** Edge and node names the analysis looks for, resolved once to string indices. */
const NAMES = ['shared', 'script_or_debug_info', 'scope_info', 'context', 'previous', 'map', '__proto__'];

/**
 * Finds the closed sockets the program still holds and how. Each one was tagged by the probe with a
 * property holding an instance of a uniquely named marker class: an outgoing edge, so the tag does not
 * retain the socket, and the marker nodes are found by name without knowing anything of net.Socket's
 * layout. The marker's retainer is the socket; its shortest path from the GC roots, over strong edges
 * only, is the chain that keeps it.
 * @param {HeapSnapshot} snapshot
 * @param {{ markerClass: string, ignoredHolders?: string[] }} options ignoredHolders: class names of
 *   the probe's own bookkeeping, never taken as a holder (it holds sockets weakly anyway)
 * @returns {{ retained: number, groups: RetentionGroup[] }}
 */
function findRetainedSockets(snapshot, { markerClass, ignoredHolders = [] }) {
  const graph = new SnapshotGraph(snapshot);
  const indices = graph.strings.indicesOf([markerClass, ...ignoredHolders, ...NAMES]);
  const index = (/** @type {string} */ text) => indices.get(text) ?? -1;
  const markerName = index(markerClass);
  if (markerName === -1) return { retained: 0, groups: [] };
  const ignored = new Set(ignoredHolders.map(index).filter((found) => found !== -1));
  // The halves of WeakMap entries ("part of key (…) -> value (…) pair in WeakMap") keep nothing alive.
  const weakPairNames = graph.strings.startingWith('part of key');
  const follow = (/** @type {number} */ edge) => {
    if (graph.edgeType(edge) === graph.weakEdge) return false;
    return graph.hasIndexName(edge) || !weakPairNames.has(graph.edgeNameOrIndex(edge));
  };
  const parentEdge = graph.shortestPaths(follow, (node) => !ignored.has(graph.nameIndex(node)));
  const names = {
    shared: index('shared'),
    script: index('script_or_debug_info'),
    scopeInfo: index('scope_info'),
    context: index('context'),
    previous: index('previous'),
    internal: new Set([index('map'), index('__proto__')]),
  };
  const scopes = new ScopeNames(graph, names);

  /** @type {Map<string, RetentionGroup>} */
  const groups = new Map();
  let retained = 0;
  for (let node = 0; node < graph.nodeCount; node++) {
    if (graph.nameIndex(node) !== markerName || graph.typeName(node) !== 'object') continue;
    const socket = taggedSocket(graph, node, follow);
    if (socket === -1 || parentEdge[socket] === NONE) continue; // collected by the snapshot's own collections
    retained++;
    const described = describe(graph, graph.pathTo(socket, parentEdge), scopes);
    const key = JSON.stringify(described);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { count: 1, ...described });
    else group.count++;
  }
  return { retained, groups: [...groups.values()].sort((a, b) => b.count - a.count) };
}

/**
 * The socket a marker tags: the node whose (symbol-keyed) property points at the marker.
 * @param {SnapshotGraph} graph @param {number} marker @param {(edge: number) => boolean} follow
 */
function taggedSocket(graph, marker, follow) {
  for (const edge of graph.retainers(marker)) {
    if (graph.edgeType(edge) === graph.propertyEdge && follow(edge)) return graph.edgeFrom(edge);
  }
  return -1;
}

/**
 * The tail of a retaining path in a developer's words: from the last variable (a context edge) or,
 * failing that, the last named property, down to the socket. Engine internals (a Set's table, an
 * array's backing store, maps, hidden links) are left out.
 * @param {SnapshotGraph} graph
 * @param {number[]} edges root → socket
 * @param {ScopeNames} scopes
 * @returns {{ path: string[], location: string | null }}
 */
function describe(graph, edges, scopes) {
  if (edges.length === 0) return { path: ['Socket'], location: null };
  let start = -1;
  for (let i = edges.length - 1; i >= 0; i--) {
    const edge = /** @type {number} */ (edges[i]);
    if (graph.edgeType(edge) === graph.contextEdge && graph.typeName(graph.edgeTo(edge)) !== 'hidden') {
      start = i;
      break;
    }
  }
  const isNamedProperty = (/** @type {number} */ edge) =>
    graph.edgeType(edge) === graph.propertyEdge && !scopes.names.internal.has(graph.edgeNameOrIndex(edge)) && !graph.edgeName(edge).startsWith('<symbol');
  if (start === -1) {
    // No variable on the way (e.g. a global's property): the last few named steps.
    start = Math.max(0, edges.length - 4);
    for (let i = edges.length - 1; i >= 0; i--) {
      if (isNamedProperty(/** @type {number} */ (edges[i]))) {
        start = i;
        if (edges.length - i >= 2) break;
      }
    }
  }
  let location = null;
  /** @type {string[]} */
  const labels = [];
  for (let i = start; i < edges.length; i++) {
    const edge = /** @type {number} */ (edges[i]);
    const type = graph.edgeType(edge);
    const what = kindOf(graph, graph.edgeTo(edge));
    if (type === graph.contextEdge) {
      const scope = scopes.of(edges, i);
      location = scope.location;
      labels.push(`${graph.edgeName(edge)} (${what})${scope.name ? ` in the scope of ${scope.name}` : ''}`);
    } else if (isNamedProperty(edge)) {
      labels.push(i === start ? `${graph.edgeName(edge)} (${what})` : `.${graph.edgeName(edge)} (${what})`);
    } else if (type === graph.elementEdge && graph.typeName(graph.edgeFrom(edge)) === 'object') {
      labels.push(`[] (${what})`); // an Array's element; indices differ per socket, so they are not named
    } else if (i === edges.length - 1) {
      labels.push(what);
    }
  }
  // the socket itself always ends the path
  const socketKind = kindOf(graph, graph.edgeTo(/** @type {number} */ (edges[edges.length - 1])));
  const last = labels[labels.length - 1] ?? '';
  if (last !== socketKind && !last.endsWith(`(${socketKind})`)) labels.push(socketKind);
  return { path: labels, location };
}

/** @param {SnapshotGraph} graph @param {number} node */
function kindOf(graph, node) {
  const type = graph.typeName(node);
  const name = graph.name(node);
  if (type === 'closure') return name ? `function ${name}` : 'function';
  if (type === 'array') return 'array';
  if (type === 'object') return name || 'Object';
  return name || type;
}

/**
 * Names the scope a variable lives in, the way a developer finds it in the code. On a retaining path a
 * variable is a slot of a Context (V8's record of one function call's captured variables), kept alive
 * by a closure created in that call (a handler, a callback): `closure → context [→ previous …] →
 * variable`. That closure is "the function whose scope holds the variable": the label names it and the
 * location is its definition (V8 gives live closures a script and line). The function that declared the
 * variable is named too when the Context's ScopeInfo gives its name and it differs ("declared in
 * startChat"); V8 gives no line for it once it has returned, and none for a module's top level (named
 * after its file). Without a closure on the path, any closure that captured the context gives the place.
 */
class ScopeNames {
  /**
   * @param {SnapshotGraph} graph
   * @param {{ shared: number, script: number, scopeInfo: number, context: number, previous: number, internal: Set<number> }} names
   */
  constructor(graph, names) {
    this.graph = graph;
    this.names = names;
  }

  /**
   * @param {number[]} edges a retaining path @param {number} at the index of a context edge on it
   * @returns {{ name: string, location: string | null }}
   */
  of(edges, at) {
    const { graph, names } = this;
    const context = graph.edgeFrom(/** @type {number} */ (edges[at]));
    let holder = -1;
    for (let i = at - 1; i >= 0; i--) {
      const edge = /** @type {number} */ (edges[i]);
      const from = graph.edgeFrom(edge);
      const name = graph.edgeNameOrIndex(edge);
      if (name === names.previous && graph.typeName(from) !== 'closure') continue; // an inner call's context
      if (name === names.context && graph.typeName(from) === 'closure') holder = from;
      break;
    }
    // Every closure that captured the context keeps it alive; a named one says more than an anonymous one.
    if (holder === -1 || !graph.name(holder)) holder = this.#namedCapturingClosure(context, holder);
    const location = holder === -1 ? null : graph.closureLocation(holder, names);
    const holderName = holder === -1 ? '' : graph.name(holder);
    const declaredIn = this.#declaringFunction(context);
    if (holderName && declaredIn && holderName !== declaredIn) return { name: `${holderName} (declared in ${declaredIn})`, location };
    const name = holderName || declaredIn;
    if (name) return { name, location };
    return { name: location ? `${path.basename(location.replace(/:\d+$/, ''))} (module)` : '', location };
  }

  /**
   * A named closure whose context is this one, else `fallback` if there is one, else any such closure.
   * @param {number} context @param {number} fallback a closure, or -1
   */
  #namedCapturingClosure(context, fallback) {
    const { graph, names } = this;
    let anyClosure = fallback;
    for (const edge of graph.retainers(context)) {
      const from = graph.edgeFrom(edge);
      if (graph.edgeNameOrIndex(edge) !== names.context || graph.typeName(from) !== 'closure') continue;
      if (graph.name(from)) return from;
      if (anyClosure === -1) anyClosure = from;
    }
    return anyClosure;
  }

  /**
   * The name of the function a Context belongs to, from its ScopeInfo, whose references V8 lists in
   * order: the names of the context's variables, then the function's own name ('' for a module's top
   * level, none for a block), then the enclosing ScopeInfo. So: the last string before the first
   * reference that is not a string, unless it names one of the context's variables.
   * @param {number} context
   */
  #declaringFunction(context) {
    const { graph, names } = this;
    const scopeInfoEdge = graph.edgeNamed(context, names.scopeInfo);
    if (scopeInfoEdge === -1) return '';
    /** @type {Set<number>} the context's variable names (those holding a number have no edge) */
    const variables = new Set();
    for (let edge = /** @type {number} */ (graph.firstEdge[context]); edge < /** @type {number} */ (graph.firstEdge[context + 1]); edge++) {
      if (graph.edgeType(edge) === graph.contextEdge) variables.add(graph.edgeNameOrIndex(edge));
    }
    const scopeInfo = graph.edgeTo(scopeInfoEdge);
    let last = -1;
    for (let edge = /** @type {number} */ (graph.firstEdge[scopeInfo]); edge < /** @type {number} */ (graph.firstEdge[scopeInfo + 1]); edge++) {
      if (graph.edgeType(edge) !== graph.hiddenEdge) continue;
      const to = graph.edgeTo(edge);
      if (graph.typeName(to) !== 'string') break;
      last = graph.nameIndex(to);
    }
    if (last === -1 || variables.has(last)) return '';
    const name = graph.strings.get(last);
    return /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$\u200c\u200d]*$/u.test(name) ? name : '';
  }
}

module.exports = { findRetainedSockets };
