// What the command leaves out without being told: the project's .gitignore and the usual build output.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { includeIgnoreFile } from '@eslint/compat';
import type { Linter } from 'eslint';

/** Generated code, not the user's: ESLint itself already leaves out node_modules and .git. */
export const BUILD_FOLDERS = ['dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit', '.turbo', '.vercel'];

export function ignoreConfigs(cwd: string): Linter.Config[] {
  const configs: Linter.Config[] = [
    { name: 'socket-hygiene-cli/build-folders', ignores: [...BUILD_FOLDERS.map((folder) => `**/${folder}/`), '**/*.min.js'] },
  ];
  const gitignore = path.join(cwd, '.gitignore');
  if (existsSync(gitignore)) configs.push(includeIgnoreFile(gitignore, 'socket-hygiene-cli/gitignore'));
  return configs;
}
