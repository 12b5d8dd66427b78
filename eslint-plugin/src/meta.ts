// The package's name and version, as plain constants: the plugin is also bundled (CommonJS, by the
// VS Code extension) where reading ../package.json at run time does not work. tests/index.test.ts
// keeps them equal to package.json.
export const PACKAGE_NAME = 'eslint-plugin-socket-hygiene';
export const PACKAGE_VERSION = '0.1.0';
