// One pass over the file that indexes what the socket model asks about later: which variable an
// identifier names, canonical keys for `this.x` / `obj.x` chains, classes and their methods, and
// the position-sorted calls, closes and removals that handler summaries read by range.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { type ClassNode, type FunctionNode, isFunction, keyName, memberName, staticString, unwrap } from './ast.js';
import {
  classKey,
  type CollectionKey,
  functionKey,
  globalKey,
  isFunctionKey,
  memberKey,
  MODULE_KEY,
  objectKey,
  type PlaceKey,
  variableKey,
} from './keys.js';
import { definedMethod, prototypeLiteralOwner } from './methodDefiners.js';
import { DefinitionType } from './scope.js';
import { visitRecordedSteps } from './traversalSteps.js';
import { DESTROY_METHODS, END_METHODS, LISTENER_METHODS, REARM_METHODS, REMOVE_METHODS } from './vocabulary.js';

type Variable = TSESLint.Scope.Variable;

export type CollectionKind = 'Set' | 'Map' | 'Array' | 'Object' | 'WeakSet' | 'WeakMap';

export interface RemovalOp {
  /** The removing node: the call, the `delete` expression or the assignment. */
  node: TSESTree.Node;
  /** The collection expression. */
  collection: TSESTree.Node;
}

export interface CloseCall {
  node: TSESTree.CallExpression;
  method: string;
  kind: 'end' | 'destroy' | 'rearm' | 'emit';
}

export interface FileIndex {
  readonly sourceCode: Readonly<TSESLint.SourceCode>;
  /** Variable of a reference or declaration identifier. */
  variableOf(identifier: TSESTree.Identifier): Variable | null;
  /** Canonical key of an expression naming a long-lived place (`v:3`, `c:7.sockets`), or null. */
  keyOf(node: TSESTree.Node): PlaceKey | null;
  /** Member expressions that share a key (`this.socket` in every method of the class). */
  membersByKey(key: PlaceKey): readonly TSESTree.MemberExpression[];
  /** Methods (and function-valued fields) of a class, object literal or ES5 constructor, by owner key. */
  methodsOf(ownerKey: PlaceKey): ReadonlyMap<string, FunctionNode> | undefined;
  /** Owner key of the class / object a key's root names (`c:7`), or null. */
  classOf(node: ClassNode): PlaceKey;
  /** The collection a key was initialised with (`new Set()`, `[]`, `new WeakMap()`). */
  collectionKind(key: CollectionKey): CollectionKind | undefined;
  readonly calls: readonly TSESTree.CallExpression[];
  readonly closeCalls: readonly CloseCall[];
  readonly removals: readonly RemovalOp[];
  /** `x.on('upgrade' | 'connect', handler)` registrations on any emitter. */
  readonly takeoverListeners: readonly TSESTree.CallExpression[];
  /** TypeScript declarations that carry a type annotation (parameters, variables, properties). */
  readonly annotated: readonly TSESTree.Node[];
  /** Every parameter / variable / property declaration (only collected when type information exists). */
  readonly typeCandidates: readonly TSESTree.Node[];
  /** Local name → module of the file's imports (`Socket` → `net`, `net` → `net` for namespaces). */
  readonly imports: ReadonlyMap<string, { module: string; imported: string }>;
  /**
   * The arguments of calls (and `new`) that evaluate to the `this` of an owner (`fn(this)`, `API.call(self)`):
   * the object, and every socket kept on it, is in the callee's hands.
   */
  thisArgumentsOf(ownerKey: PlaceKey): readonly TSESTree.Node[];
}

const NEW_COLLECTIONS: Readonly<Record<string, CollectionKind>> = {
  Set: 'Set',
  Map: 'Map',
  Array: 'Array',
  WeakSet: 'WeakSet',
  WeakMap: 'WeakMap',
};

/** The collection a fresh initialiser creates, or undefined. */
export function newCollectionKind(init: TSESTree.Node | null | undefined): CollectionKind | undefined {
  if (!init) return undefined;
  const node = unwrap(init);
  if (node.type === AST_NODE_TYPES.ArrayExpression) return 'Array';
  if (node.type === AST_NODE_TYPES.ObjectExpression) return 'Object';
  if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
    return NEW_COLLECTIONS[node.callee.name];
  }
  if (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.MemberExpression &&
    node.callee.object.type === AST_NODE_TYPES.Identifier &&
    node.callee.object.name === 'Object' &&
    memberName(node.callee) === 'create'
  ) {
    return 'Object';
  }
  return undefined;
}

/** Every declaring and referencing identifier → its variable (eslint-scope resolved them already). */
function variablesByIdentifier(scopeManager: Readonly<TSESLint.SourceCode>['scopeManager']): Map<TSESTree.Identifier, Variable> {
  const variableByIdentifier = new Map<TSESTree.Identifier, Variable>();
  if (!scopeManager) return variableByIdentifier;
  for (const scope of scopeManager.scopes) {
    for (const variable of scope.variables) {
      for (const identifier of variable.identifiers) variableByIdentifier.set(identifier, variable);
    }
    for (const reference of scope.references) {
      if (reference.resolved) variableByIdentifier.set(reference.identifier as TSESTree.Identifier, reference.resolved);
    }
  }
  return variableByIdentifier;
}

/**
 * The steps: variables by identifier; one walk over the tree (owners of `this`, methods, calls, closes,
 * removals, collection initialisers, annotations, imports); names that turn out to be aliases of `this`
 * or of a field; prototype methods; the position sort. The per-key tables are built at first use.
 */
export function buildFileIndex(sourceCode: Readonly<TSESLint.SourceCode>, collectTypeCandidates: boolean): FileIndex {
  const variableByIdentifier = variablesByIdentifier(sourceCode.scopeManager);

  const nodeIds = new WeakMap<object, number>();
  let nextId = 1;
  const idOf = (thing: object): number => {
    let id = nodeIds.get(thing);
    if (id === undefined) {
      id = nextId++;
      nodeIds.set(thing, id);
    }
    return id;
  };

  const thisOwners = new Map<TSESTree.ThisExpression, PlaceKey>();
  const members: TSESTree.MemberExpression[] = [];
  const methods = new Map<PlaceKey, Map<string, FunctionNode>>();
  const collectionInits: { target: TSESTree.Node | PlaceKey; kind: CollectionKind }[] = [];
  const calls: TSESTree.CallExpression[] = [];
  const closeCalls: CloseCall[] = [];
  const removals: RemovalOp[] = [];
  const takeoverListeners: TSESTree.CallExpression[] = [];
  const annotated: TSESTree.Node[] = [];
  const typeCandidates: TSESTree.Node[] = [];
  const imports = new Map<string, { module: string; imported: string }>();
  // `const self = this` and `constructor(pool) { this.pool = pool }`: two names of one object, resolved after the walk
  const thisAliasCandidates: TSESTree.VariableDeclarator[] = [];
  const fieldCandidates: { member: TSESTree.MemberExpression; value: TSESTree.Identifier }[] = [];
  const parameterProperties: { parameter: TSESTree.Identifier; owner: PlaceKey }[] = [];
  const thisArguments: TSESTree.ThisExpression[] = [];
  // `start.call(this, …)`, `start.bind(this)`: the `this` lent to a function of the file (resolveAliases)
  const thisLoans: TSESTree.ThisExpression[] = [];
  const aliasKeys = new Map<Variable, PlaceKey>();
  const thisAliasVariables = new Set<Variable>();

  const classOf = (node: ClassNode): PlaceKey => classKey(idOf(node));
  const addMethod = (owner: PlaceKey, name: string | null, fn: TSESTree.Node | null | undefined): void => {
    if (name === null || !isFunction(fn)) return;
    let table = methods.get(owner);
    if (!table) methods.set(owner, (table = new Map<string, FunctionNode>()));
    if (!table.has(name)) table.set(name, fn);
  };

  /** Owner key for `this` inside a non-arrow function. */
  const functionOwner = (fn: FunctionNode): PlaceKey => {
    const parent = fn.parent;
    // Ctor.readable('method', function () { this… }): or Babel's `_createClass(Ctor, [{ key, value: function () {} }])`:
    // a method of the constructor (methodDefiners.ts)
    const defined = definedMethod(fn);
    if (defined) {
      const ctor = variableByIdentifier.get(defined.owner);
      const def = ctor?.defs.length === 1 ? ctor.defs[0] : undefined;
      if (ctor && (def?.type === DefinitionType.FunctionName || def?.type === DefinitionType.ClassName)) {
        const ctorKey = keyOfVariable(ctor);
        addMethod(ctorKey, defined.name, fn);
        return ctorKey;
      }
    }
    if (
      (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.value === fn
    ) {
      return classOf(parent.parent.parent);
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      return objectOwner(parent.parent);
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === fn) {
      // Ctor.prototype.method = function () { this… }
      const left = parent.left;
      if (
        left.type === AST_NODE_TYPES.MemberExpression &&
        left.object.type === AST_NODE_TYPES.MemberExpression &&
        memberName(left.object) === 'prototype'
      ) {
        const ctorKey = keyOfRoot(left.object.object);
        if (ctorKey) return ctorKey;
      }
    }
    if (takesThisArgument(fn)) return ownerStack[ownerStack.length - 1] ?? MODULE_KEY;
    return functionKey(idOf(fn));
  };

  /** The owner of an object literal's methods: itself, or the constructor whose prototype it fills (methodDefiners.ts). */
  function objectOwner(object: TSESTree.ObjectExpression): PlaceKey {
    // Ctor.prototype = { m() { this… } }, Object.assign(Ctor.prototype, { … }), Object.create(Base.prototype, { m: … })
    const ctor = prototypeLiteralOwner(object) ?? prototypeOwnerOf(object);
    return (ctor && keyOfRoot(ctor)) ?? objectKey(idOf(object));
  }

  function keyOfVariable(variable: Variable): PlaceKey {
    const alias = aliasKeys.get(variable);
    if (alias !== undefined) return alias;
    const def = variable.defs[0];
    if (variable.defs.length === 1 && def) {
      if (def.type === DefinitionType.FunctionName) return functionKey(idOf(def.node));
      if (def.type === DefinitionType.ClassName) return classOf(def.node);
      if (def.type === DefinitionType.Variable && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) {
        let init = unwrap(def.node.init);
        // var Socket = module.exports = function Socket() {}
        while (init.type === AST_NODE_TYPES.AssignmentExpression && init.operator === '=') init = unwrap(init.right);
        if (init.type === AST_NODE_TYPES.NewExpression && init.callee.type === AST_NODE_TYPES.Identifier) {
          // `const manager = new Manager()`: `manager.x` is `this.x` of the class
          const callee = variableByIdentifier.get(init.callee);
          const calleeDef = callee?.defs[0];
          if (callee?.defs.length === 1 && calleeDef) {
            if (calleeDef.type === DefinitionType.ClassName || calleeDef.type === DefinitionType.FunctionName) {
              return calleeDef.type === DefinitionType.ClassName ? classOf(calleeDef.node) : functionKey(idOf(calleeDef.node));
            }
          }
        }
        // `var self = Object.create(Ctor.prototype)`: `self.x` is `this.x` of Ctor's methods
        const instanceOf = prototypeArgumentOf(init);
        const instanceVariable = instanceOf ? variableByIdentifier.get(instanceOf) : undefined;
        const ctorKey = instanceVariable && instanceVariable !== variable ? keyOfVariable(instanceVariable) : null;
        if (ctorKey !== null && isFunctionKey(ctorKey)) return ctorKey;
        if (init.type === AST_NODE_TYPES.ObjectExpression) return objectKey(idOf(init));
        if (init.type === AST_NODE_TYPES.ClassExpression) return classOf(init);
        if (isFunction(init)) return functionKey(idOf(init));
      }
    }
    return variableKey(idOf(variable));
  }

  function keyOfRoot(node: TSESTree.Node): PlaceKey | null {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.Identifier) {
      const variable = variableByIdentifier.get(inner);
      return variable ? keyOfVariable(variable) : globalKey(inner.name);
    }
    if (inner.type === AST_NODE_TYPES.ThisExpression) return thisOwners.get(inner) ?? null;
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(inner);
      if (name === null) return null;
      const owner = keyOfRoot(inner.object);
      return owner === null ? null : memberKey(owner, name);
    }
    return null;
  }

  const memberKeys = new Map<TSESTree.MemberExpression, PlaceKey | null>();
  const keyOf = (node: TSESTree.Node): PlaceKey | null => {
    const inner = unwrap(node);
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      let key = memberKeys.get(inner);
      if (key === undefined) {
        key = keyOfRoot(inner);
        memberKeys.set(inner, key);
      }
      return key;
    }
    return keyOfRoot(inner);
  };

  // --- the traversal -------------------------------------------------------------------------
  const visitorKeys = sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
  const ownerStack: PlaceKey[] = [MODULE_KEY];
  const EXIT = Symbol('exit');
  const stack: (TSESTree.Node | typeof EXIT)[] = [sourceCode.ast];

  /** Indexes one node; true when it opened an owner for `this` (popped again after its subtree). */
  const enter = (node: TSESTree.Node): boolean => {
    switch (node.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
        ownerStack.push(functionOwner(node));
        if (collectTypeCandidates) typeCandidates.push(...node.params);
        for (const param of node.params) if (hasAnnotation(param)) annotated.push(param);
        return true;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (collectTypeCandidates) typeCandidates.push(...node.params);
        for (const param of node.params) if (hasAnnotation(param)) annotated.push(param);
        break;
      case AST_NODE_TYPES.PropertyDefinition:
      case AST_NODE_TYPES.StaticBlock:
      case AST_NODE_TYPES.AccessorProperty: {
        const owner = classOf(node.parent.parent);
        ownerStack.push(owner);
        if (node.type !== AST_NODE_TYPES.StaticBlock) {
          const name = keyName(node.key, node.computed);
          addMethod(owner, name, node.value);
          const kind = newCollectionKind(node.value);
          if (kind && name !== null) collectionInits.push({ target: memberKey(owner, name), kind });
          if (collectTypeCandidates) typeCandidates.push(node);
          if (node.typeAnnotation) annotated.push(node);
        }
        return true;
      }
      case AST_NODE_TYPES.MethodDefinition:
        addMethod(classOf(node.parent.parent), keyName(node.key, node.computed), node.value);
        break;
      case AST_NODE_TYPES.ObjectExpression: {
        const owner = objectOwner(node);
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.Property) addMethod(owner, keyName(property.key, property.computed), property.value);
        }
        break;
      }
      case AST_NODE_TYPES.ThisExpression:
        thisOwners.set(node, ownerStack[ownerStack.length - 1] ?? MODULE_KEY);
        if (isArgument(node)) thisArguments.push(node);
        if (lendsThis(node)) thisLoans.push(node);
        break;
      case AST_NODE_TYPES.MemberExpression:
        members.push(node);
        break;
      case AST_NODE_TYPES.CallExpression:
        indexCall(node);
        break;
      case AST_NODE_TYPES.AssignmentExpression:
        indexAssignment(node);
        break;
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'delete' && node.argument.type === AST_NODE_TYPES.MemberExpression) {
          removals.push({ node, collection: node.argument.object });
        }
        break;
      case AST_NODE_TYPES.VariableDeclarator: {
        const kind = newCollectionKind(node.init);
        if (kind) collectionInits.push({ target: node.id, kind });
        if (node.id.typeAnnotation) annotated.push(node.id);
        if (node.init?.type === AST_NODE_TYPES.ThisExpression && node.id.type === AST_NODE_TYPES.Identifier) {
          thisAliasCandidates.push(node);
        }
        if (collectTypeCandidates && node.id.type === AST_NODE_TYPES.Identifier) typeCandidates.push(node.id);
        break;
      }
      case AST_NODE_TYPES.TSParameterProperty: {
        if (hasAnnotation(node.parameter)) annotated.push(node);
        const parameter = node.parameter.type === AST_NODE_TYPES.AssignmentPattern ? node.parameter.left : node.parameter;
        const method = node.parent.parent;
        if (parameter.type === AST_NODE_TYPES.Identifier && method.type === AST_NODE_TYPES.MethodDefinition) {
          parameterProperties.push({ parameter, owner: classOf(method.parent.parent) });
        }
        break;
      }
      case AST_NODE_TYPES.ImportDeclaration:
        for (const specifier of node.specifiers) {
          const imported =
            specifier.type === AST_NODE_TYPES.ImportSpecifier
              ? (keyName(specifier.imported, false) ?? '')
              : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
                ? 'default'
                : '*';
          imports.set(specifier.local.name, { module: node.source.value, imported });
        }
        break;
      case AST_NODE_TYPES.TSImportEqualsDeclaration:
        if (
          node.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
          node.moduleReference.expression.type === AST_NODE_TYPES.Literal
        ) {
          imports.set(node.id.name, { module: String(node.moduleReference.expression.value), imported: '*' });
        }
        break;
      default:
        break;
    }
    return false;
  };

  function indexCall(node: TSESTree.CallExpression): void {
    calls.push(node);
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = memberName(callee);
    if (method === null) return;
    if (END_METHODS.has(method)) closeCalls.push({ node, method, kind: 'end' });
    else if (DESTROY_METHODS.has(method)) closeCalls.push({ node, method, kind: 'destroy' });
    else if (REARM_METHODS.has(method)) closeCalls.push({ node, method, kind: 'rearm' });
    else if (method === 'emit') closeCalls.push({ node, method, kind: 'emit' });
    if (REMOVE_METHODS.has(method)) removals.push({ node, collection: callee.object });
    if (LISTENER_METHODS.has(method) && node.arguments.length >= 2) {
      const event = node.arguments[0] && staticString(node.arguments[0]);
      if (event === 'upgrade' || event === 'connect') takeoverListeners.push(node);
    }
  }

  function indexAssignment(node: TSESTree.AssignmentExpression): void {
    const left = node.left;
    const right = unwrap(node.right);
    if (node.operator !== '=') return;
    const kind = newCollectionKind(right);
    if (kind) collectionInits.push({ target: left, kind });
    if (
      right.type === AST_NODE_TYPES.CallExpression &&
      right.callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(right.callee) === 'filter'
    ) {
      // c = c.filter(…)
      removals.push({ node, collection: left });
    }
    if (
      left.type === AST_NODE_TYPES.MemberExpression &&
      left.object.type === AST_NODE_TYPES.ThisExpression &&
      right.type === AST_NODE_TYPES.Identifier
    ) {
      fieldCandidates.push({ member: left, value: right });
    }
    if (left.type === AST_NODE_TYPES.MemberExpression) {
      const cleared =
        (right.type === AST_NODE_TYPES.Literal && right.value === null) ||
        (right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined');
      if (cleared && left.computed) removals.push({ node, collection: left.object });
      if (memberName(left) === 'length') removals.push({ node, collection: left.object });
    }
  }

  walk();
  resolveAliases();
  addPrototypeMethods();
  sortByPosition();

  /** Depth-first over the visitor keys, with an explicit stack; `this` owners pushed and popped around subtrees. */
  function walk(): void {
    // ESLint has walked the tree already: follow its recorded steps when it kept them (traversalSteps.ts)
    if (visitRecordedSteps(sourceCode, enter, () => ownerStack.pop())) return;
    while (stack.length > 0) {
      const item = stack.pop();
      if (item === undefined) break;
      if (item === EXIT) {
        ownerStack.pop();
        continue;
      }
      const node = item;
      if (enter(node)) stack.push(EXIT);
      const keys = visitorKeys[node.type];
      if (!keys) continue;
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (node as unknown as Record<string, unknown>)[keys[k] ?? ''];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) {
            const element = child[i] as TSESTree.Node | null;
            if (element && typeof element.type === 'string') stack.push(element);
          }
        } else if (child && typeof (child as TSESTree.Node).type === 'string') {
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }

  /** Methods attached as `Ctor.prototype.m = function () {}`. */
  function addPrototypeMethods(): void {
    for (const member of members) {
      const assignment = member.parent;
      if (
        assignment.type === AST_NODE_TYPES.AssignmentExpression &&
        assignment.left === member &&
        member.object.type === AST_NODE_TYPES.MemberExpression &&
        memberName(member.object) === 'prototype'
      ) {
        const owner = keyOfRoot(member.object.object);
        if (owner) addMethod(owner, memberName(member), unwrap(assignment.right));
      }
    }
  }

  /** Handler summaries read calls, closes and removals by range (binary search). */
  function sortByPosition(): void {
    const byPosition = (a: { range: TSESTree.Range }, b: { range: TSESTree.Range }): number => a.range[0] - b.range[0];
    calls.sort(byPosition);
    closeCalls.sort((a, b) => byPosition(a.node, b.node));
    removals.sort((a, b) => byPosition(a.node, b.node));
  }

  // A member's key ends with `.<its name>`: members are keyed a name at a time, when a key ending with that
  // name is first asked for (keying every `socket.on`, `console.error` of a dense file cost more than the
  // rest of the index, and most names are never asked for).
  let membersByName: Map<string, TSESTree.MemberExpression[]> | null = null;
  const keyedNames = new Set<string>();
  const membersIndex = new Map<PlaceKey, TSESTree.MemberExpression[]>();
  const membersByKey = (key: PlaceKey): readonly TSESTree.MemberExpression[] => {
    if (!membersByName) {
      membersByName = new Map();
      for (const member of members) {
        const name = memberName(member);
        if (name === null) continue;
        let named = membersByName.get(name);
        if (!named) membersByName.set(name, (named = []));
        named.push(member);
      }
    }
    // every `.` of the key may start the last name (`obj['a.b']` is keyed `v:3.a.b`)
    let names = 0;
    for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) {
      const name = key.slice(dot + 1);
      names++;
      if (keyedNames.has(name)) continue;
      keyedNames.add(name);
      for (const member of membersByName.get(name) ?? []) {
        const memberKey = keyOf(member);
        if (memberKey === null) continue;
        let list = membersIndex.get(memberKey);
        if (!list) membersIndex.set(memberKey, (list = []));
        list.push(member);
      }
    }
    const found = membersIndex.get(key);
    // members of two names under one key (`a['b.c']` and `a.b.c`) back in walk order
    if (found && names > 1) found.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
    return found ?? [];
  };

  let collectionKinds: Map<CollectionKey, CollectionKind> | null = null;
  const collectionKind = (key: CollectionKey): CollectionKind | undefined => {
    if (!collectionKinds) {
      collectionKinds = new Map();
      for (const { target, kind } of collectionInits) {
        const targetKey = typeof target === 'string' ? target : keyOf(target);
        if (targetKey !== null && !collectionKinds.has(targetKey)) collectionKinds.set(targetKey, kind);
      }
    }
    return collectionKinds.get(key);
  };

  let thisArgumentsByOwner: Map<PlaceKey, TSESTree.Node[]> | null = null;
  const thisArgumentsOf = (ownerKey: PlaceKey): readonly TSESTree.Node[] => {
    if (!thisArgumentsByOwner) {
      const byOwner = (thisArgumentsByOwner = new Map<PlaceKey, TSESTree.Node[]>());
      const add = (owner: PlaceKey | null | undefined, argument: TSESTree.Node): void => {
        if (!owner) return;
        let list = byOwner.get(owner);
        if (!list) byOwner.set(owner, (list = []));
        list.push(argument);
      };
      for (const node of thisArguments) add(thisOwners.get(node), node);
      for (const [variable, owner] of aliasKeys) {
        if (!thisAliasVariables.has(variable)) continue;
        for (const reference of variable.references) {
          if (isArgument(reference.identifier)) add(owner, reference.identifier);
        }
      }
    }
    return thisArgumentsByOwner.get(ownerKey) ?? [];
  };

  return {
    sourceCode,
    variableOf: (identifier) => variableByIdentifier.get(identifier) ?? null,
    keyOf,
    membersByKey,
    methodsOf: (owner) => methods.get(owner),
    classOf,
    collectionKind,
    calls,
    closeCalls,
    removals,
    takeoverListeners,
    annotated,
    typeCandidates,
    imports,
    thisArgumentsOf,
  };

  /** A variable that is bound once and never re-assigned (a parameter, or a declaration with its initialiser). */
  function boundOnce(variable: Variable): boolean {
    return variable.defs.length === 1 && variable.references.every((reference) => !reference.isWrite() || reference.init === true);
  }

  /**
   * A function declaration that is only ever run as `start.call(this, …)` / `start.bind(this)(…)` from one
   * owner (a class, a prototype): its `this` is that owner, so `this.listener` set there and
   * `this.listener.on('error', …)` in a method are one place.
   */
  function lendThis(): void {
    const lenders = new Map<Variable, Set<PlaceKey>>();
    for (const node of thisLoans) {
      const callee = (node.parent as TSESTree.CallExpression).callee as TSESTree.MemberExpression;
      const variable = variableByIdentifier.get(callee.object as TSESTree.Identifier);
      const owner = thisOwners.get(node);
      if (!variable || !owner) continue;
      let owners = lenders.get(variable);
      if (!owners) lenders.set(variable, (owners = new Set<PlaceKey>()));
      owners.add(owner);
    }
    for (const [variable, owners] of lenders) {
      const def = variable.defs[0];
      const [owner] = owners;
      if (owners.size !== 1 || !owner || variable.defs.length !== 1 || def?.type !== DefinitionType.FunctionName) continue;
      // every use of the name lends this: `start.call(this)` / `start.bind(this)`, nothing else
      const onlyLent = variable.references.every((reference) => {
        const identifier = reference.identifier as TSESTree.Node;
        const member = identifier.parent;
        return (
          member?.type === AST_NODE_TYPES.MemberExpression &&
          member.object === identifier &&
          member.parent?.type === AST_NODE_TYPES.CallExpression &&
          member.parent.callee === member &&
          member.parent.arguments[0]?.type === AST_NODE_TYPES.ThisExpression &&
          thisLoans.includes(member.parent.arguments[0])
        );
      });
      if (!onlyLent) continue;
      const own = functionKey(idOf(def.node));
      for (const [node, key] of thisOwners) if (key === own) thisOwners.set(node, owner);
    }
  }

  function resolveAliases(): void {
    lendThis();
    for (const declarator of thisAliasCandidates) {
      const owner = thisOwners.get(declarator.init as TSESTree.ThisExpression);
      const variable = variableByIdentifier.get(declarator.id as TSESTree.Identifier);
      if (owner && variable && boundOnce(variable)) {
        aliasKeys.set(variable, owner);
        thisAliasVariables.add(variable);
      }
    }
    // a constructor's parameter kept as a field is the field: `pool.add(s)` and `this.pool.delete(s)` meet
    for (const { parameter, owner } of parameterProperties) {
      const variable = variableByIdentifier.get(parameter);
      if (variable && boundOnce(variable)) aliasKeys.set(variable, memberKey(owner, parameter.name));
    }
    for (const { member, value } of fieldCandidates) {
      const name = memberName(member);
      const owner = thisOwners.get(member.object as TSESTree.ThisExpression);
      const variable = variableByIdentifier.get(value);
      const def = variable?.defs[0];
      if (name === null || !owner || !variable || aliasKeys.has(variable) || !boundOnce(variable)) continue;
      if (def?.type !== DefinitionType.Parameter || !isConstructor(def.node)) continue;
      aliasKeys.set(variable, memberKey(owner, name));
    }
  }
}

/** `X` of a call whose first argument is `X.prototype` (`Object.create(X.prototype)`, a helper wrapping it). */
function prototypeArgumentOf(node: TSESTree.Node): TSESTree.Identifier | null {
  if (node.type !== AST_NODE_TYPES.CallExpression) return null;
  const first = node.arguments[0];
  if (first?.type !== AST_NODE_TYPES.MemberExpression || memberName(first) !== 'prototype') return null;
  return first.object.type === AST_NODE_TYPES.Identifier ? first.object : null;
}

/** The `X` of `X.prototype = { … }` or `X.prototype = create(Base.prototype, { … })` around an object literal. */
function prototypeOwnerOf(object: TSESTree.ObjectExpression): TSESTree.Node | null {
  let value: TSESTree.Node = object;
  if (value.parent?.type === AST_NODE_TYPES.CallExpression && value.parent.arguments.includes(object)) value = value.parent;
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value) return null;
  const left = assignment.left;
  return left.type === AST_NODE_TYPES.MemberExpression && memberName(left) === 'prototype' ? left.object : null;
}

// array methods whose second argument is the `this` of their callback
const THIS_ARGUMENT_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'flatMap']);

/** `list.forEach(function () { this.x… }, this)`: the callback runs with the caller's `this`. */
function takesThisArgument(fn: FunctionNode): boolean {
  const call = fn.parent;
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments[0] === fn &&
    call.arguments[1]?.type === AST_NODE_TYPES.ThisExpression &&
    call.callee.type === AST_NODE_TYPES.MemberExpression &&
    THIS_ARGUMENT_METHODS.has(memberName(call.callee) ?? '')
  );
}

/** `f.call(this, …)` / `f.bind(this)` with `f` a plain name: the `this` given as the first argument. */
function lendsThis(node: TSESTree.ThisExpression): boolean {
  const call = node.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== node) return false;
  const callee = call.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    (memberName(callee) === 'call' || memberName(callee) === 'bind')
  );
}

/** A class constructor, or a plain function used as one (ES5: `function Conn(pool) { this.pool = pool; }`). */
function isConstructor(fn: TSESTree.Node): boolean {
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression) return false;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.MethodDefinition) return parent.kind === 'constructor';
  return fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression;
}

function isArgument(node: TSESTree.Node): boolean {
  const parent = node.parent;
  return (
    (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
    parent.arguments.includes(node as TSESTree.CallExpressionArgument)
  );
}

function hasAnnotation(node: TSESTree.Node): boolean {
  return 'typeAnnotation' in node && node.typeAnnotation != null;
}

/** Items of a position-sorted list whose node lies within `[start, end]` (binary search, then scan). */
export function within<T>(items: readonly T[], nodeOf: (item: T) => TSESTree.Node, range: TSESTree.Range): T[] {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items[middle];
    if (item !== undefined && nodeOf(item).range[0] < range[0]) low = middle + 1;
    else high = middle;
  }
  const found: T[] = [];
  for (let i = low; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) break;
    const node = nodeOf(item);
    if (node.range[0] >= range[1]) break;
    if (node.range[1] <= range[1]) found.push(item);
  }
  return found;
}
