// The names the analysis gives to places that outlive one expression, so that two expressions in
// different functions can be seen to mean the same thing (`this.sockets` in every method of a class,
// `pool.add(s)` and `this.pool.delete(s)` when the constructor kept `pool` as a field).
//
// A key is a string: a one-letter kind, a colon and an id (or a name), then `.member` for each property
// read under it. Only this file builds keys or reads their kind; everything else compares them.
//
//   v:<id>  a variable (eslint-scope's; the id is the file index's own counter)
//   f:<id>  a function, as the owner of `this` and of `fn.prototype.x` methods
//   c:<id>  a class (a declaration, an expression, or `new C()` kept in a variable)
//   o:<id>  an object literal, as the owner of its methods
//   g:name  a global the file does not declare (`process`, an implicit global)
//   m:      the module, as the `this` outside every function
//   <key>.name  a property under a place (`c:7.sockets`)
//   t:text  a collection with no place (`getPool().sockets`): its source text, compared as written

/** A long-lived place: a root (variable, function, class, object, global, module), then member names. */
export type PlaceKey = `${'v' | 'f' | 'c' | 'o' | 'g' | 'm'}:${string}`;

/** A collection the rules match stores and removals on: its place, or its text when it has none. */
export type CollectionKey = PlaceKey | `t:${string}`;

/** `this` at module level (outside every function). */
export const MODULE_KEY: PlaceKey = 'm:';

export const variableKey = (id: number): PlaceKey => `v:${id}`;
export const functionKey = (id: number): PlaceKey => `f:${id}`;
export const classKey = (id: number): PlaceKey => `c:${id}`;
export const objectKey = (id: number): PlaceKey => `o:${id}`;
export const globalKey = (name: string): PlaceKey => `g:${name}`;
export const memberKey = (owner: PlaceKey, name: string): PlaceKey => `${owner}.${name}`;
export const textKey = (text: string): CollectionKey => `t:${text}`;

/** The key is a class or a property under one (`c:7`, `c:7.pool`). */
export const isClassKey = (key: PlaceKey): boolean => key.startsWith('c:');
/** The key is a function or a property under one. */
export const isFunctionKey = (key: PlaceKey): boolean => key.startsWith('f:');

/**
 * What the socket flow has visited (flow.ts): a variable by the flow's own id (`var:<id>`), or a member
 * place; then, when the value is a record holding the socket, the record's keys (`{socket,id}`).
 */
export type TrackedKey = PlaceKey | `var:${number}`;

export const trackedVariableKey = (id: number): TrackedKey => `var:${id}`;

/** A tracked key with the record shape the value had (none when the value is the socket itself). */
export function withShape(key: TrackedKey, shape: ReadonlySet<string> | null): string {
  return shape === null ? key : `${key}{${[...shape].join(',')}}`;
}

/** `f:3.prototype.connect` → `f:3.connect`: a prototype member is read as `this.connect` in the methods. */
export function withoutPrototype(key: PlaceKey): PlaceKey {
  return key.replace(/\.prototype(?=\.|$)/u, '') as PlaceKey;
}
