// The plugin's one way to TypeScript at run time. `@typescript-eslint/type-utils` pulls in `typescript`,
// which a plain JavaScript project does not have: it is loaded here, at first use, and only the socket
// model's type questions ask for it, only when the parser gave a program (type information).
// tests/runtimeImports.test.ts keeps every other run-time import of the built plugin off these packages.
import { createRequire } from 'node:module';

type TypeUtils = typeof import('@typescript-eslint/type-utils');
let typeUtils: TypeUtils | null = null;

/**
 * `@typescript-eslint/type-utils`, required at first call. In a CommonJS bundle of the plugin
 * (the VS Code extension's) `require` exists and `import.meta` is empty.
 */
export function loadTypeUtils(): TypeUtils {
  const load = typeof require === 'function' ? require : createRequire(import.meta.url);
  typeUtils ??= load('@typescript-eslint/type-utils') as TypeUtils;
  return typeUtils;
}
