import { describe, expect, it } from 'vitest';
import { disableComment, disableCommentEdit } from '../../../src/lint/disable-comment';
import { applyEdits } from '../../../src/lint/problems';

function disable(text: string, line: number, style: 'eslint' | 'socket-hygiene', rule: Parameters<typeof disableComment>[1] = 'remove-on-close') {
  return applyEdits(text, [disableCommentEdit(text, line, rule, style)]).text;
}

describe('disable comment', () => {
  it('uses ESLint\'s directive with the full rule id where the workspace ESLint loads the plugin', () => {
    expect(disable('a();\nclients.add(socket);\n', 1, 'eslint')).toBe(
      'a();\n// eslint-disable-next-line socket-hygiene/remove-on-close\nclients.add(socket);\n',
    );
  });

  it('uses the plugin\'s own directive elsewhere', () => {
    expect(disable('clients.add(socket);\n', 0, 'socket-hygiene')).toBe(
      '// socket-hygiene-disable-next-line remove-on-close\nclients.add(socket);\n',
    );
  });

  it('indents like the line, with tabs or spaces', () => {
    expect(disable('function f() {\n\t\tclients.add(s);\n}\n', 1, 'socket-hygiene')).toBe(
      'function f() {\n\t\t// socket-hygiene-disable-next-line remove-on-close\n\t\tclients.add(s);\n}\n',
    );
    expect(disable('{\n    clients.add(s);\n}', 1, 'eslint')).toBe('{\n    // eslint-disable-next-line socket-hygiene/remove-on-close\n    clients.add(s);\n}');
  });

  it('keeps CRLF line endings', () => {
    expect(disable('a();\r\n  clients.add(s);\r\n', 1, 'socket-hygiene')).toBe(
      'a();\r\n  // socket-hygiene-disable-next-line remove-on-close\r\n  clients.add(s);\r\n',
    );
  });

  it('works on the last line without a line break', () => {
    expect(disable('a();\nclients.add(s);', 1, 'socket-hygiene')).toBe('a();\n// socket-hygiene-disable-next-line remove-on-close\nclients.add(s);');
  });

  it('adds the rule to a directive already on the line above, keeping its description', () => {
    expect(disable('  // eslint-disable-next-line no-console -- debugging\n  console.log(clients.add(s));\n', 1, 'eslint')).toBe(
      '  // eslint-disable-next-line no-console, socket-hygiene/remove-on-close -- debugging\n  console.log(clients.add(s));\n',
    );
    expect(disable('// socket-hygiene-disable-next-line timeout-ends-socket\nx();\n', 1, 'socket-hygiene')).toBe(
      '// socket-hygiene-disable-next-line timeout-ends-socket, remove-on-close\nx();\n',
    );
  });

  it('changes nothing when the rule is already disabled there', () => {
    const text = '// socket-hygiene-disable-next-line remove-on-close\nx();\n';
    expect(disable(text, 1, 'socket-hygiene')).toBe(text);
  });

  it('does not extend a directive of the other style', () => {
    expect(disable('// eslint-disable-next-line no-console\nx();\n', 1, 'socket-hygiene')).toBe(
      '// eslint-disable-next-line no-console\n// socket-hygiene-disable-next-line remove-on-close\nx();\n',
    );
  });
});
