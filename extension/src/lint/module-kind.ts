// How Node loads a file decides its globals and `sourceType`: the extension says so for .cjs/.mjs/.cts/.mts,
// the nearest package.json's "type" for .js/.ts (CommonJS when absent), as Node itself decides.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type ModuleKind = 'commonjs' | 'module';

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);
const JAVASCRIPT_EXTENSIONS = new Set(['.js', '.jsx', '.mjs', '.cjs']);

export function isTypeScriptFile(fileName: string): boolean {
  return TYPESCRIPT_EXTENSIONS.has(path.extname(fileName).toLowerCase());
}

export function isLintableFileName(fileName: string): boolean {
  const extension = path.extname(fileName).toLowerCase();
  return TYPESCRIPT_EXTENSIONS.has(extension) || JAVASCRIPT_EXTENSIONS.has(extension);
}

/** Reads a package.json's text, or undefined when there is none; injectable for tests and caches. */
export type ReadPackageJson = (packageJsonPath: string) => string | undefined;

const readPackageJsonFromDisk: ReadPackageJson = (packageJsonPath) => {
  try {
    return readFileSync(packageJsonPath, 'utf8');
  } catch {
    return undefined;
  }
};

/** Finds the module kind of files by their nearest package.json, remembering each folder's answer. */
export class ModuleKindResolver {
  private readonly folderKinds = new Map<string, ModuleKind>();

  constructor(private readonly readPackageJson: ReadPackageJson = readPackageJsonFromDisk) {}

  kindOf(fileName: string): ModuleKind {
    const extension = path.extname(fileName).toLowerCase();
    if (extension === '.cjs' || extension === '.cts') return 'commonjs';
    if (extension === '.mjs' || extension === '.mts') return 'module';
    if (!path.isAbsolute(fileName)) return 'commonjs';
    return this.folderKind(path.dirname(fileName));
  }

  /** Forgets what was read, for when a package.json changes. */
  clear(): void {
    this.folderKinds.clear();
  }

  private folderKind(folder: string): ModuleKind {
    const known = this.folderKinds.get(folder);
    if (known) return known;
    let kind: ModuleKind;
    const text = this.readPackageJson(path.join(folder, 'package.json'));
    if (text !== undefined) {
      kind = packageTypeOf(text);
    } else if (path.basename(folder) === 'node_modules') {
      kind = 'commonjs'; // Node's package scope lookup stops at node_modules
    } else {
      const parent = path.dirname(folder);
      kind = parent === folder ? 'commonjs' : this.folderKind(parent);
    }
    this.folderKinds.set(folder, kind);
    return kind;
  }
}

/** `"type": "module"` makes .js files ES modules; anything else (or unreadable JSON) is CommonJS, as in Node. */
export function packageTypeOf(packageJsonText: string): ModuleKind {
  try {
    const parsed: unknown = JSON.parse(packageJsonText);
    return parsed && typeof parsed === 'object' && (parsed as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}
