// Follows one socket through the file: aliases, records `{ id, socket }`, `this.socket = socket`,
// same-file functions it is passed to (depth 3), functions that return it; and notes what happens
// to it on the way (listeners, `setTimeout` calls, stores, hand-offs to code outside the file).
import { getStringIfConstant } from '@eslint-community/eslint-utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import {
  catchingTry,
  enclosingClass,
  enclosingFunction,
  type FunctionNode,
  isRepeatable,
  isTransparent,
  keyName,
  memberName,
  staticString,
  unwrap,
} from './ast.js';
import { forwardedArguments } from './argumentsForwarding.js';
import { callbackTargets } from './callbackParameters.js';
import { mayNameError } from './eventNames.js';
import type { FileIndex } from './fileIndex.js';
import { callersOf, resolveCall, resolveFunction } from './functions.js';
import { memberKey, type PlaceKey, type TrackedKey, trackedVariableKey, withShape } from './keys.js';
import { type ApiKind, moduleOfVariable } from './modules.js';
import type { Listener, Origin, StoreMethod } from './origin.js';
import { Reassignments } from './reassignment.js';
import type { MemberOrigin } from './socketApis.js';
import { memberOrigin } from './socketMembers.js';
import { DefinitionType } from './scope.js';
import {
  CHAINABLE_METHODS,
  LISTENER_METHODS,
  LISTENER_PROPERTIES,
  NON_HANDOFF_FUNCTIONS,
  NON_HANDOFF_METHODS,
  NON_HANDOFF_OBJECTS,
  ONCE_METHODS,
  STORE_METHODS,
} from './vocabulary.js';

type Variable = TSESLint.Scope.Variable;

/** How deep the model follows a socket into same-file functions. */
export const MAX_DEPTH = 3;

/** `null`: the value is the socket; a set: the value is a record holding the socket under these keys. */
type Shape = ReadonlySet<string> | null;

/** References before this point of this function do not see the value (it was assigned later). */
interface After {
  fn: FunctionNode | null;
  position: number;
  /** The written node (`this.conn` on the left, the declared name): a later write of the place may replace it. */
  write: TSESTree.Node;
}

export interface FlowHooks {
  /** A listener was registered on an origin (servers create socket origins from these). */
  onListener(origin: Origin, listener: Listener): void;
  /** A member that is a socket of its own: `req.socket` of a server-side request, `pair.cleartext` (socketMembers.ts). */
  onSocketMember(origin: Origin, member: TSESTree.MemberExpression | TSESTree.Identifier, name: string, socket: MemberOrigin): void;
  /** The socket itself is an argument of `new C(…)`: an object built around it (wrappers.ts). */
  onWrapper?(origin: Origin, call: TSESTree.NewExpression): void;
}

export class Flow {
  private readonly visited = new Map<Origin, Set<string>>();
  private readonly reassignments: Reassignments;
  private readonly variableIds = new WeakMap<Variable, number>();
  private nextVariableId = 1;
  /** Variables and member keys each origin reached (typed declarations reached this way are not new origins). */
  readonly reached = new Map<string, Set<Origin>>();

  /** The key under which `reached` lists a variable. */
  variableKey(variable: Variable): TrackedKey {
    let id = this.variableIds.get(variable);
    if (id === undefined) {
      id = this.nextVariableId++;
      this.variableIds.set(variable, id);
    }
    return trackedVariableKey(id);
  }

  constructor(
    private readonly index: FileIndex,
    private readonly api: ReadonlyMap<TSESTree.Node, ApiKind>,
    private readonly hooks: FlowHooks,
  ) {
    this.reassignments = new Reassignments(index);
  }

  /** Start from an expression that evaluates to the socket (a call, a member read). */
  fromExpression(origin: Origin, node: TSESTree.Node): void {
    this.use(origin, node, null, 0);
  }

  /** Start from a declared name (a callback parameter, a typed variable). */
  fromDeclaration(origin: Origin, identifier: TSESTree.Identifier): void {
    const variable = this.index.variableOf(identifier);
    if (variable) this.trackVariable(origin, variable, null, 0, null);
  }

  /** Start from a member key (`this.socket` declared with a socket type). */
  fromMemberKey(origin: Origin, key: PlaceKey): void {
    this.trackMemberKey(origin, key, null, 0, null);
  }

  private firstVisit(origin: Origin, key: string): boolean {
    let seen = this.visited.get(origin);
    if (!seen) this.visited.set(origin, (seen = new Set()));
    if (seen.has(key)) return false;
    seen.add(key);
    let reachedBy = this.reached.get(key);
    if (!reachedBy) this.reached.set(key, (reachedBy = new Set()));
    reachedBy.add(origin);
    return true;
  }

  private trackVariable(origin: Origin, variable: Variable, shape: Shape, depth: number, after: After | null): void {
    if (!this.firstVisit(origin, withShape(this.variableKey(variable), shape))) return;
    for (const reference of variable.references) {
      if (!reference.isRead()) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      if (after && identifier.range[0] < after.position && enclosingFunction(identifier) === after.fn) continue;
      if (!this.reassignments.sees(variable, after?.write ?? null, identifier)) continue;
      this.use(origin, identifier, shape, depth);
    }
    // `next.apply(this, arguments)`: the parameter goes on to the same position there
    for (const forwarding of forwardedArguments(this.index, variable)) {
      this.intoFunction(origin, forwarding.call, forwarding.fn.params[forwarding.position], shape, depth);
    }
  }

  /** The socket enters a function of the file as `parameter` (one level deeper), or is lost at the depth limit. */
  private intoFunction(origin: Origin, call: TSESTree.Node, parameter: TSESTree.Parameter | undefined, shape: Shape, depth: number): void {
    if (depth + 1 > MAX_DEPTH) origin.handOffs.push({ node: call, reason: 'depth' });
    else if (parameter) this.bindPattern(origin, parameter, shape, depth + 1, null);
  }

  private trackMemberKey(origin: Origin, key: PlaceKey, shape: Shape, depth: number, after: After | null): void {
    if (!this.firstVisit(origin, withShape(key, shape))) return;
    for (const member of this.index.membersByKey(key)) {
      const parent = member.parent;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) continue;
      if (after && member.range[0] < after.position && enclosingFunction(member) === after.fn) continue;
      if (!this.reassignments.sees(key, after?.write ?? null, member)) continue;
      this.use(origin, member, shape, depth);
    }
  }

  /** `node` evaluates to the socket (or its record): see what its parent does with it. */
  private use(origin: Origin, start: TSESTree.Node, shape: Shape, depth: number): void {
    let node: TSESTree.Node = start;
    // climb through expressions that pass the value on unchanged
    for (;;) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (!parent) return;
      if (
        isTransparent(parent) ||
        parent.type === AST_NODE_TYPES.AwaitExpression ||
        (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
        parent.type === AST_NODE_TYPES.LogicalExpression ||
        (parent.type === AST_NODE_TYPES.SequenceExpression && parent.expressions.at(-1) === node)
      ) {
        node = parent;
        continue;
      }
      break;
    }
    if (shape === null) origin.aliases.push(node);
    const parent = node.parent;
    if (!parent) return;

    switch (parent.type) {
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === node) this.useMember(origin, parent, shape, depth);
        return;
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee !== node) this.useArgument(origin, parent, node, shape, depth);
        return;
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== node) this.useArgument(origin, parent, node, shape, depth);
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) {
          const declared: After = { fn: enclosingFunction(parent), position: parent.range[1], write: parent.id };
          this.bindPattern(origin, parent.id, shape, depth, declared);
        }
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === node && parent.operator === '=') {
          this.useAssignment(origin, parent, shape, depth);
          // `req = websocket._req = request(opts)`: the assignment's value is the socket too
          this.use(origin, parent, shape, depth);
        }
        return;
      case AST_NODE_TYPES.Property:
        if (parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
          const key = keyName(parent.key, parent.computed);
          // one level of record is followed; deeper nesting loses sight of the socket
          if (shape === null && key !== null) this.use(origin, parent.parent, new Set([key]), depth);
          else origin.handOffs.push({ node: parent, reason: 'assign' });
        }
        return;
      case AST_NODE_TYPES.ReturnStatement:
        this.useReturn(origin, parent, shape, depth);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) this.useReturn(origin, parent, shape, depth);
        return;
      case AST_NODE_TYPES.YieldExpression:
        origin.handOffs.push({ node: parent, reason: 'yield' });
        return;
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        origin.handOffs.push({ node: parent, reason: 'export' });
        return;
      default:
        return;
    }
  }

  private useMember(origin: Origin, member: TSESTree.MemberExpression, shape: Shape, depth: number): void {
    const name = memberName(member);
    if (shape !== null) {
      if (name !== null && shape.has(name)) this.use(origin, member, null, depth);
      return;
    }
    if (name === null) return;
    const outer = member.parent;
    if (outer.type === AST_NODE_TYPES.CallExpression && outer.callee === member) {
      if (LISTENER_METHODS.has(name)) this.addListener(origin, outer, member.object, name);
      if (name === 'setTimeout') origin.timeoutCalls.push(outer);
      if (CHAINABLE_METHODS.has(name)) this.use(origin, outer, null, depth);
      return;
    }
    if (
      outer.type === AST_NODE_TYPES.AssignmentExpression &&
      outer.left === member &&
      LISTENER_PROPERTIES[name] !== undefined
    ) {
      this.hooks.onListener(origin, this.recordListener(origin, {
        event: LISTENER_PROPERTIES[name] ?? null,
        dynamic: false,
        eventNode: null,
        method: name,
        once: false,
        node: outer,
        receiver: member.object,
        handler: outer.right,
        handlerFunction: resolveFunction(this.index, outer.right),
      }));
      return;
    }
    const socket = memberOrigin(origin, name);
    if (socket) this.hooks.onSocketMember(origin, member, name, socket);
  }

  private addListener(origin: Origin, call: TSESTree.CallExpression, receiver: TSESTree.Node, method: string): void {
    const eventArgument = call.arguments[0];
    const handler = call.arguments[1] ?? null;
    const event = eventArgument ? this.eventName(eventArgument) : null;
    const listener = this.recordListener(origin, {
      event,
      dynamic:
        event === null && eventArgument !== undefined && !isErrorMonitor(eventArgument) && mayNameError(this.index, eventArgument),
      eventNode: eventArgument ?? null,
      method,
      once: ONCE_METHODS.has(method),
      node: call,
      receiver,
      handler,
      handlerFunction: handler ? resolveFunction(this.index, handler) : null,
    });
    this.hooks.onListener(origin, listener);
  }

  private recordListener(origin: Origin, listener: Listener): Listener {
    origin.listeners.push(listener);
    return listener;
  }

  private eventName(node: TSESTree.Node): string | null {
    const literal = staticString(node);
    if (literal !== null) return literal;
    if (node.type === AST_NODE_TYPES.Literal) return null;
    if (this.api.get(node) === 'events.errorMonitor') return null;
    try {
      return getStringIfConstant(node as never, this.index.sourceCode.getScope(node) as never);
    } catch {
      return null;
    }
  }

  private useArgument(
    origin: Origin,
    call: TSESTree.CallExpression | TSESTree.NewExpression,
    argument: TSESTree.Node,
    shape: Shape,
    depth: number,
  ): void {
    const position = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    if (position < 0) return;
    const apiKind = this.api.get(call);
    if (apiKind) {
      this.useApiArgument(origin, call as TSESTree.CallExpression, apiKind, position);
      return;
    }
    if (call.type === AST_NODE_TYPES.NewExpression && shape === null) this.hooks.onWrapper?.(origin, call);
    const callee = unwrap(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const objectName = callee.object.type === AST_NODE_TYPES.Identifier ? callee.object.name : null;
      if (objectName !== null && NON_HANDOFF_OBJECTS.has(objectName)) return;
    }
    if (position === 0 && (method === 'call' || method === 'apply') && this.callsOwnMethod(callee, argument)) return;
    // a method of this file first (`manager.add(socket)`), then collections (`sockets.add(socket)`)
    const target = resolveCall(this.index, call);
    const callbacks = target ? null : callbackTargets(this.index, call);
    if (callbacks) {
      for (const fn of callbacks) this.intoFunction(origin, call, fn.params[position], shape, depth);
      return;
    }
    if (!target) {
      if (call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.MemberExpression && method !== null) {
        if (STORE_METHODS.has(method)) {
          this.addStore(origin, call, callee, method as StoreMethod, position, argument, shape);
          return;
        }
        if (NON_HANDOFF_METHODS.has(method)) return;
      }
      if (callee.type === AST_NODE_TYPES.Identifier && NON_HANDOFF_FUNCTIONS.has(callee.name) && !this.index.variableOf(callee)) {
        return;
      }
      const reason = method === 'emit' ? 'emit' : call.type === AST_NODE_TYPES.NewExpression ? 'new' : 'call';
      origin.handOffs.push({ node: call, reason });
      return;
    }
    if (depth + 1 > MAX_DEPTH) {
      origin.handOffs.push({ node: call, reason: 'depth' });
      return;
    }
    const parameter = target.fn.params[position + target.parameterOffset];
    if (parameter) this.bindPattern(origin, parameter, shape, depth + 1, null);
  }

  /** `s.listen.apply(s, arguments)`: the socket calls its own method, nothing else receives it. */
  private callsOwnMethod(callee: TSESTree.Node, thisArgument: TSESTree.Node): boolean {
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = unwrap(callee.object);
    if (method.type !== AST_NODE_TYPES.MemberExpression || !isRepeatable(method.object) || !isRepeatable(thisArgument)) return false;
    const text = (node: TSESTree.Node): string => this.index.sourceCode.getText(unwrap(node));
    return text(method.object) === text(thisArgument);
  }

  private useApiArgument(origin: Origin, call: TSESTree.CallExpression, kind: ApiKind, position: number): void {
    const last = call.arguments.at(-1);
    switch (kind) {
      case 'stream.pipeline':
        origin.errorCovers.push(call);
        return;
      case 'stream.finished':
        origin.errorCovers.push(call);
        if (position === 0 && last && last !== call.arguments[0]) {
          const callback = resolveFunction(this.index, last);
          if (callback) origin.closeRegions.push({ node: callback, from: callback.range[0] });
        }
        return;
      case 'promises.pipeline':
      case 'promises.finished':
        if (isCaught(call)) origin.errorCovers.push(call);
        if (kind === 'promises.finished') this.addAwaitRegion(origin, call);
        return;
      case 'events.once': {
        const event = call.arguments[1] ? this.eventName(call.arguments[1]) : null;
        if (event === 'close') this.addAwaitRegion(origin, call);
        if (event === 'listening' && origin.kind === 'server' && isCaught(call)) origin.errorCovers.push(call);
        return;
      }
      default:
        // handed to a socket API of Node (`tls.connect({ socket })`, `new WebSocket(...)`)
        origin.handOffs.push({ node: call, reason: 'call' });
        return;
    }
  }

  /** `await finished(s)`: the rest of the function runs after the socket closed. */
  private addAwaitRegion(origin: Origin, call: TSESTree.CallExpression): void {
    if (call.parent.type !== AST_NODE_TYPES.AwaitExpression) return;
    const fn = enclosingFunction(call);
    if (fn) origin.closeRegions.push({ node: fn, from: call.range[1] });
  }

  private addStore(
    origin: Origin,
    call: TSESTree.CallExpression,
    callee: TSESTree.MemberExpression,
    method: StoreMethod,
    position: number,
    argument: TSESTree.Node,
    shape: Shape,
  ): void {
    if (method === 'splice' && position < 2) return;
    const keyArgument = call.arguments[0];
    const key = method === 'set' && position === 1 && keyArgument ? keyArgument : null;
    origin.stores.push({
      node: call,
      collection: callee.object,
      method,
      key,
      socket: shape === null ? argument : recordSocket(argument, shape),
      viaRecord: shape !== null,
    });
  }

  private useAssignment(origin: Origin, assignment: TSESTree.AssignmentExpression, shape: Shape, depth: number): void {
    const left = assignment.left;
    const after: After = { fn: enclosingFunction(assignment), position: assignment.range[1], write: left };
    if (left.type === AST_NODE_TYPES.Identifier) {
      const variable = this.index.variableOf(left);
      if (variable) this.trackVariable(origin, variable, shape, depth, after);
      else origin.handOffs.push({ node: assignment, reason: 'assign' });
      return;
    }
    if (left.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = memberName(left);
    if (name === null || (left.computed && left.property.type === AST_NODE_TYPES.Literal && typeof left.property.value === 'number')) {
      origin.stores.push({
        node: assignment,
        collection: left.object,
        method: 'index',
        key: left.property,
        socket: shape === null ? assignment.right : recordSocket(assignment.right, shape),
        viaRecord: shape !== null,
      });
      return;
    }
    const root = rootOf(left);
    const rootVariable = root.type === AST_NODE_TYPES.Identifier ? this.index.variableOf(root) : null;
    const ownedByFile =
      root.type === AST_NODE_TYPES.ThisExpression ||
      (rootVariable !== null && rootVariable.defs.every((def) => def.type !== DefinitionType.Parameter));
    const key = this.index.keyOf(left);
    if (!ownedByFile || key === null) {
      origin.handOffs.push({ node: assignment, reason: root.type === AST_NODE_TYPES.Identifier && !rootVariable ? 'export' : 'assign' });
      // the caller's object holds it now, but `options.server.on('error', …)` in this file still listens to it
      if (key !== null) this.trackMemberKey(origin, key, shape, depth, after);
      return;
    }
    // the object that holds the socket is itself given to code outside the file (`API.call(this)`, `register(conn)`)
    const holderKey = this.index.keyOf(root);
    if (holderKey !== null) {
      for (const call of this.holderEscapes(root, holderKey)) origin.handOffs.push({ node: call, reason: 'call' });
    }
    this.trackMemberKey(origin, key, shape, depth, after);
  }

  /** Calls that pass the holder (the `this` of an owner, a variable) to code that is not in the file. */
  private holderEscapes(root: TSESTree.Node, holderKey: PlaceKey): TSESTree.Node[] {
    const variable = root.type === AST_NODE_TYPES.Identifier ? this.index.variableOf(root) : null;
    const names = [
      ...this.index.thisArgumentsOf(holderKey),
      ...(variable ? variable.references.map((reference) => reference.identifier as TSESTree.Node) : []),
    ];
    const found = new Set<TSESTree.Node>();
    for (const name of names) {
      const call = name.parent;
      if (call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) continue;
      if (!call.arguments.includes(name as TSESTree.CallExpressionArgument) || this.keepsToFile(call)) continue;
      found.add(call);
    }
    return [...found];
  }

  /**
   * `EE3.call(this)`: the constructor of a base class from another package (eventemitter3, readable-stream)
   * cannot know this file's fields; a base class of the project itself (`require('./api')`) can.
   */
  private isPackageSuperCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = unwrap(call.callee);
    if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = memberName(callee);
    if (method !== 'call' && method !== 'apply') return false;
    const root = rootOf(callee.object);
    const variable = root.type === AST_NODE_TYPES.Identifier ? this.index.variableOf(root) : null;
    const module = variable ? moduleOfVariable(variable) : null;
    return module !== null && !module.startsWith('.') && !module.startsWith('/');
  }

  /** A call that runs code of this file, or reads its arguments without keeping them. */
  private keepsToFile(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    if (this.api.get(call) === 'core.superCall' || this.isPackageSuperCall(call)) return true;
    if (resolveCall(this.index, call)) return true;
    // process.nextTick(emitClose, this): the scheduled function of the file receives it
    if (call.arguments.some((argument) => resolveFunction(this.index, argument) !== null)) return true;
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const objectName = callee.object.type === AST_NODE_TYPES.Identifier ? callee.object.name : null;
      if (objectName !== null && (NON_HANDOFF_OBJECTS.has(objectName) || objectName === 'Object')) return true;
      const method = memberName(callee);
      if (method !== null && NON_HANDOFF_METHODS.has(method)) return true;
    }
    return callee.type === AST_NODE_TYPES.Identifier && NON_HANDOFF_FUNCTIONS.has(callee.name) && !this.index.variableOf(callee);
  }

  private useReturn(
    origin: Origin,
    at: TSESTree.ReturnStatement | TSESTree.ArrowFunctionExpression,
    shape: Shape,
    depth: number,
  ): void {
    const fn = at.type === AST_NODE_TYPES.ArrowFunctionExpression ? at : enclosingFunction(at);
    const callers = fn ? callersOf(this.index, fn) : null;
    if (!fn || callers === null || depth + 1 > MAX_DEPTH) {
      origin.handOffs.push({ node: at, reason: 'return' });
      return;
    }
    for (const caller of callers) this.use(origin, caller, shape, depth + 1);
  }

  /** The value lands in a declared pattern (`const s = …`, a parameter, `{ socket }`). */
  private bindPattern(origin: Origin, pattern: TSESTree.Node, shape: Shape, depth: number, after: After | null): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = this.index.variableOf(pattern);
        if (variable) this.trackVariable(origin, variable, shape, depth, after);
        return;
      }
      case AST_NODE_TYPES.AssignmentPattern:
        this.bindPattern(origin, pattern.left, shape, depth, after);
        return;
      case AST_NODE_TYPES.TSParameterProperty: {
        this.bindPattern(origin, pattern.parameter, shape, depth, after);
        const name = pattern.parameter.type === AST_NODE_TYPES.Identifier ? pattern.parameter.name : null;
        const classNode = enclosingClass(pattern);
        if (name !== null && classNode) {
          this.trackMemberKey(origin, memberKey(this.index.classOf(classNode), name), shape, depth, after);
        }
        return;
      }
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of pattern.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property.key, property.computed);
          if (key === null) continue;
          if (shape !== null && shape.has(key)) this.bindPattern(origin, property.value, null, depth, after);
          const socket = shape === null ? memberOrigin(origin, key) : undefined;
          if (socket && property.value.type === AST_NODE_TYPES.Identifier) this.hooks.onSocketMember(origin, property.value, key, socket);
        }
        return;
      default:
        return;
    }
  }
}

/** `events.errorMonitor`: listens without handling, so it is not an 'error' listener. */
function isErrorMonitor(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'errorMonitor';
  return inner.type === AST_NODE_TYPES.MemberExpression && memberName(inner) === 'errorMonitor';
}

function rootOf(node: TSESTree.Node): TSESTree.Node {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current;
}

/** The socket expression inside a stored record (`{ id, socket }` → `socket`), else the record. */
function recordSocket(record: TSESTree.Node, shape: ReadonlySet<string>): TSESTree.Node {
  const inner = unwrap(record);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of inner.properties) {
      if (property.type === AST_NODE_TYPES.Property && shape.has(keyName(property.key, property.computed) ?? '')) {
        return property.value;
      }
    }
  }
  return record;
}

/** An awaited promise inside `try { … } catch`, or one with `.catch(…)` attached. */
export function isCaught(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  if (
    parent.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === call &&
    (memberName(parent) === 'catch' || memberName(parent) === 'then')
  ) {
    return true;
  }
  return catchingTry(call) !== null;
}
