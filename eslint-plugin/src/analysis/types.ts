// Sockets known by their TypeScript type: an annotation naming `Socket` / `net.Socket` / `TLSSocket`
// imported from net/tls, or `WebSocket` from ws; with type information, the checker's type.
import { isBuiltin } from 'node:module';

import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { loadTypeUtils } from '../util/loadTypeUtils.js';
import { type Family, SOCKET_APIS } from './socketApis.js';

type Imports = ReadonlyMap<string, { module: string; imported: string }>;

/** Module specifier → exported type name → the family of the socket it names, from the socket-API table. */
const SOCKET_TYPES: ReadonlyMap<string, ReadonlyMap<string, Family>> = (() => {
  const modules = new Map<string, Map<string, Family>>();
  for (const api of SOCKET_APIS) {
    if (!('types' in api)) continue;
    const specifiers = isBuiltin(api.module) ? [api.module, `node:${api.module}`] : [api.module];
    for (const specifier of specifiers) {
      let names = modules.get(specifier);
      if (!names) modules.set(specifier, (names = new Map<string, Family>()));
      for (const name of api.types) names.set(name, api.family);
    }
  }
  return modules;
})();

/** The annotation of a parameter, variable or class property, if any. */
export function typeAnnotationOf(node: TSESTree.Node): TSESTree.TypeNode | null {
  if (node.type === AST_NODE_TYPES.TSParameterProperty) return typeAnnotationOf(node.parameter);
  if (node.type === AST_NODE_TYPES.AssignmentPattern) return typeAnnotationOf(node.left);
  if ('typeAnnotation' in node && node.typeAnnotation && node.typeAnnotation.type === AST_NODE_TYPES.TSTypeAnnotation) {
    return node.typeAnnotation.typeAnnotation;
  }
  return null;
}

/** The socket family an annotation names (`Socket | undefined` included), or null. */
export function annotatedFamily(type: TSESTree.TypeNode | null, imports: Imports): Family | null {
  if (!type) return null;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    for (const member of type.types) {
      const family = annotatedFamily(member, imports);
      if (family) return family;
    }
    return null;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) {
    const imported = imports.get(name.name);
    if (!imported) return null;
    return SOCKET_TYPES.get(imported.module)?.get(imported.imported) ?? null;
  }
  if (name.type === AST_NODE_TYPES.TSQualifiedName && name.left.type === AST_NODE_TYPES.Identifier) {
    const imported = imports.get(name.left.name);
    if (!imported || (imported.imported !== '*' && imported.imported !== 'default')) return null;
    return SOCKET_TYPES.get(imported.module)?.get(name.right.name) ?? null;
  }
  return null;
}

/** The socket types the checker's type is matched against, in table order (`TLSSocket` before `Socket`). */
const SPECIFIERS: readonly { family: Family; package: string; name: string }[] = SOCKET_APIS.flatMap((api) =>
  'types' in api
    ? api.types.filter((name) => name !== 'default').map((name) => ({ family: api.family, package: api.module, name }))
    : [],
);

/** The socket family of a node's type (walking base classes: `TLSSocket` → `Socket`), or null. */
export function typedFamily(services: ParserServicesWithTypeInformation, node: TSESTree.Node): Family | null {
  const checker = services.program.getTypeChecker();
  const type = services.getTypeAtLocation(node);
  return familyOfType(type, checker, services.program, 0);
}

function familyOfType(type: ts.Type, checker: ts.TypeChecker, program: ts.Program, depth: number): Family | null {
  if (depth > 6) return null;
  if (type.isUnion()) {
    for (const member of type.types) {
      const family = familyOfType(member, checker, program, depth + 1);
      if (family) return family;
    }
    return null;
  }
  const { typeMatchesSpecifier } = loadTypeUtils();
  for (const specifier of SPECIFIERS) {
    if (typeMatchesSpecifier(type, { from: 'package', package: specifier.package, name: specifier.name }, program)) {
      return specifier.family;
    }
  }
  const target = (type as ts.TypeReference).target ?? type;
  if (target.isClassOrInterface()) {
    for (const base of checker.getBaseTypes(target)) {
      const family = familyOfType(base, checker, program, depth + 1);
      if (family) return family;
    }
  }
  return null;
}

/**
 * Declarations with no code behind them: `declare class`, `declare module`, `.d.ts` bodies,
 * overload signatures. A socket typed there is described, not held.
 */
export function isAmbient(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.TSEmptyBodyFunctionExpression:
      case AST_NODE_TYPES.TSDeclareFunction:
      case AST_NODE_TYPES.TSFunctionType:
      case AST_NODE_TYPES.TSConstructorType:
      case AST_NODE_TYPES.TSMethodSignature:
      case AST_NODE_TYPES.TSInterfaceBody:
      case AST_NODE_TYPES.TSTypeLiteral:
        return true;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.VariableDeclaration:
      case AST_NODE_TYPES.TSModuleDeclaration:
        if (current.declare) return true;
        break;
      case AST_NODE_TYPES.PropertyDefinition:
        if (current.declare) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
