// The "Disable <rule> for this line" edit. Where the workspace's own ESLint loads the plugin, a standard
// `eslint-disable-next-line` comment; elsewhere the plugin's own directive, because an `eslint-disable` comment
// naming a rule the user's ESLint does not know is an error in their CI.
import { TextPositions } from './positions';
import type { TextEdit } from './problems';
import { RULE_NAMESPACE, ruleIdOf, type RuleName } from './settings';

export type DirectiveStyle = 'eslint' | 'socket-hygiene';

const ESLINT_DIRECTIVE = /^(\s*\/\/\s*eslint-disable-next-line)\s+([^\n]*?)\s*$/;
const OWN_DIRECTIVE = new RegExp(`^(\\s*//\\s*${RULE_NAMESPACE}-disable-next-line)\\s+([^\\n]*?)\\s*$`);

/** The comment's text, without indentation or line break. */
export function disableComment(style: DirectiveStyle, ruleName: RuleName): string {
  return style === 'eslint'
    ? `// eslint-disable-next-line ${ruleIdOf(ruleName)}`
    : `// ${RULE_NAMESPACE}-disable-next-line ${ruleName}`;
}

/**
 * The edit that disables `ruleName` on the 0-based editor `line` of `text`: a comment line above it with the
 * line's indentation, or, when the line above already is such a directive (of the same style), the rule added
 * to its list. The `-- description` part of an ESLint directive is kept.
 */
export function disableCommentEdit(text: string, line: number, ruleName: RuleName, style: DirectiveStyle): TextEdit {
  const positions = new TextPositions(text);
  const lineStart = positions.offsetAt({ line, character: 0 });
  const ruleEntry = style === 'eslint' ? ruleIdOf(ruleName) : ruleName;

  if (line > 0) {
    const previous = positions.lineText(line - 1);
    const match = (style === 'eslint' ? ESLINT_DIRECTIVE : OWN_DIRECTIVE).exec(previous);
    if (match?.[1] && match[2] !== undefined) {
      const [list = '', description] = match[2].split(/\s--\s/, 2);
      const entries = list.split(',').map((entry) => entry.trim()).filter(Boolean);
      if (entries.includes(ruleEntry)) return emptyEdit(positions, lineStart);
      const rewritten = `${match[1]} ${[...entries, ruleEntry].join(', ')}${description === undefined ? '' : ` -- ${description}`}`;
      const previousStart = positions.offsetAt({ line: line - 1, character: 0 });
      const previousEnd = previousStart + previous.length;
      return { start: previousStart, end: previousEnd, range: positions.rangeOfOffsets(previousStart, previousEnd), newText: rewritten };
    }
  }

  const indentation = /^[ \t]*/.exec(positions.lineText(line))?.[0] ?? '';
  const newText = `${indentation}${disableComment(style, ruleName)}${positions.eol}`;
  return { start: lineStart, end: lineStart, range: positions.rangeOfOffsets(lineStart, lineStart), newText };
}

function emptyEdit(positions: TextPositions, offset: number): TextEdit {
  return { start: offset, end: offset, range: positions.rangeOfOffsets(offset, offset), newText: '' };
}
