// Lints the repository itself. The leaky fixtures are meant to be reported, so they are left out
// here and linted with our own plugin by test-fixtures/tests (compared with their annotations).
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build-check/**',
      '**/out/**',
      '.vscode-test/**',
      'test-results/**',
      'corpus/**',
      'bench/generated/**',
      'bench/.corpus/**',
      'test-fixtures/**',
      // third-party files of the real-bug suite, kept as published
      'eslint-plugin/real-bugs/bugs/**',
      'eslint-plugin/real-bugs/clean/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['eslint-plugin/**/*.ts', 'extension/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['eslint-plugin/src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
  },
  {
    files: ['extension/media/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
