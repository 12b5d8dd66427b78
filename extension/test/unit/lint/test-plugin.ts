// A small real ESLint plugin under the socket-hygiene rule names, so the engine's conversion and error handling
// can be tested without depending on the real rules' analysis (which has its own tests in eslint-plugin/).
import type { Rule } from 'eslint';
import { Linter } from 'eslint/universal';
import type { LintModules } from '../../../src/lint/engine';
import type { SocketHygienePlugin } from '../../../src/lint/config';

/** Reports `x.add(y)` (until `y.on('close'` is in the text) with two suggestions: add that listener after the statement, or a comment. */
const removeOnClose: Rule.RuleModule = {
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: { url: 'https://example.invalid/rules/remove-on-close.md' },
    messages: { noRemoval: 'Stored socket is never removed.', addClose: 'Remove it on close', comment: 'Mark it' },
    schema: [{ type: 'object', properties: { trustHandOff: { type: 'boolean' } }, additionalProperties: false }],
  },
  create(context) {
    const trustHandOff = (context.options[0] as { trustHandOff?: boolean } | undefined)?.trustHandOff ?? true;
    return {
      'CallExpression[callee.property.name="add"]'(node: Rule.Node) {
        const call = node as unknown as { callee: { object: { name?: string } }; arguments: { name?: string }[] } & Rule.Node;
        let statement: Rule.Node = node;
        while (!statement.type.endsWith('Statement') && statement.parent) statement = statement.parent;
        const socket = call.arguments[0]?.name ?? 'socket';
        const store = call.callee.object.name ?? 'store';
        // Fixed once the text has the suggested listener, so fix-all rounds come to an end.
        if (context.sourceCode.text.includes(`${socket}.on('close'`)) return;
        context.report({
          node,
          messageId: 'noRemoval',
          data: { trustHandOff: String(trustHandOff) },
          suggest: [
            {
              messageId: 'addClose',
              fix: (fixer) => fixer.insertTextAfter(statement, ` ${socket}.on('close', () => ${store}.delete(${socket}));`),
            },
            { messageId: 'comment', fix: (fixer) => fixer.insertTextAfter(statement, ' /* marked */') },
          ],
        });
      },
    };
  },
};

/** Reports every `setTimeout` member call; no suggestions. Its message says which options it got. */
const timeoutEndsSocket: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { url: 'https://example.invalid/rules/timeout-ends-socket.md' },
    messages: { handlerNeverEnds: 'Timeout never ends the socket (strict: {{strict}}).' },
    schema: [{ type: 'object', properties: { requireDestroyFallback: { type: 'boolean' } }, additionalProperties: false }],
  },
  create(context) {
    const strict = (context.options[0] as { requireDestroyFallback?: boolean } | undefined)?.requireDestroyFallback ?? false;
    return {
      'CallExpression[callee.property.name="setTimeout"]'(node: Rule.Node) {
        context.report({ node, messageId: 'handlerNeverEnds', data: { strict: String(strict) } });
      },
    };
  },
};

/** Throws on an identifier named `explode`, to test that a throwing rule does not stop the others. */
const requireErrorListener: Rule.RuleModule = {
  meta: { type: 'problem', docs: { url: 'https://example.invalid/rules/require-error-listener.md' }, messages: { x: 'x' }, schema: [] },
  create() {
    return {
      'Identifier[name="explode"]'() {
        throw new Error('rule failure on purpose');
      },
    };
  },
};

export function createTestPlugin(): SocketHygienePlugin {
  const plugin: SocketHygienePlugin = {
    meta: { name: 'eslint-plugin-socket-hygiene', version: '0.0.0-test' },
    rules: {
      'remove-on-close': removeOnClose,
      'timeout-ends-socket': timeoutEndsSocket,
      'require-error-listener': requireErrorListener,
    },
    configs: { recommended: {}, strict: {} },
  };
  const rules = (options: boolean): Linter.RulesRecord => ({
    'socket-hygiene/remove-on-close': ['error', { trustHandOff: !options }],
    'socket-hygiene/timeout-ends-socket': ['error', { requireDestroyFallback: options }],
    'socket-hygiene/require-error-listener': 'error',
  });
  plugin.configs.recommended = { plugins: { 'socket-hygiene': plugin as never }, rules: rules(false) };
  plugin.configs.strict = { plugins: { 'socket-hygiene': plugin as never }, rules: rules(true) };
  return plugin;
}

export function testModules(): () => Promise<LintModules> {
  return () => Promise.resolve({ Linter, plugin: createTestPlugin() });
}
