// Sockets known by their TypeScript type: an annotation naming `Socket` / `net.Socket` / `TLSSocket`
// imported from net/tls, or `WebSocket` from ws; with type information, the checker's type.
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { ParserServicesWithTypeInformation, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { loadTypeUtils } from '../util/loadTypeUtils.js';
import { SOCKET_TYPE_MODULES } from './modules.js';
import type { Family } from './origin.js';

type Imports = ReadonlyMap<string, { module: string; imported: string }>;

const FAMILY_OF_MODULE: Readonly<Record<string, Family>> = {
  net: 'net',
  'node:net': 'net',
  tls: 'tls',
  'node:tls': 'tls',
  ws: 'ws',
};

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
    return SOCKET_TYPE_MODULES[imported.module]?.has(imported.imported) ? (FAMILY_OF_MODULE[imported.module] ?? null) : null;
  }
  if (name.type === AST_NODE_TYPES.TSQualifiedName && name.left.type === AST_NODE_TYPES.Identifier) {
    const imported = imports.get(name.left.name);
    if (!imported || (imported.imported !== '*' && imported.imported !== 'default')) return null;
    return SOCKET_TYPE_MODULES[imported.module]?.has(name.right.name) ? (FAMILY_OF_MODULE[imported.module] ?? null) : null;
  }
  return null;
}

const SPECIFIERS: readonly { family: Family; package: string; name: string }[] = [
  { family: 'tls', package: 'tls', name: 'TLSSocket' },
  { family: 'net', package: 'net', name: 'Socket' },
  { family: 'ws', package: 'ws', name: 'WebSocket' },
];

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
