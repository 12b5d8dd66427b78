import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'eslint-plugin/tests/**/*.test.ts',
      'extension/test/unit/**/*.test.ts',
      'test-fixtures/tests/**/*.test.ts',
      'probe/tests/**/*.test.ts',
      'scripts/tests/**/*.test.mjs',
      'bench/tests/**/*.test.mjs',
    ],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
