// Built by scripts/build-extension.mjs: every *.test.ts in this folder, loaded on demand.
declare module 'virtual:host-test-files' {
  const files: ReadonlyArray<{ name: string; load: () => unknown }>;
  export default files;
}
