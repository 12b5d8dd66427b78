// eslint-doc-generator settings: `npm run docs:rules` writes the README rules table and each rule
// doc's header from the built plugin (dist/); `eslint-plugin/tests/docs.test.ts` runs it with --check.
/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  ruleDocTitleFormat: 'desc-parens-name',
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'options', 'requiresTypeChecking'],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'options', 'requiresTypeChecking'],
  urlConfigs: 'https://github.com/socket-hygiene/socket-hygiene/blob/main/eslint-plugin/README.md#configs',
};

export default config;
