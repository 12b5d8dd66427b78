// "Fix All": apply the first suggestion of every report, relint, and repeat until nothing changes. Suggestions
// change behaviour, so this runs only when the user asks (the command, or their own codeActionsOnSave).
import { TextPositions } from './positions';
import { applyEdits, type SocketProblem, type TextEdit } from './problems';

export const MAX_FIX_ROUNDS = 10;

export interface FixAllResult {
  /** The text after every round. */
  text: string;
  /** Edits of the original text that produce `text`; empty when nothing changed. */
  edits: TextEdit[];
  rounds: number;
  /** Suggestions applied over all rounds. */
  applied: number;
}

export interface FixAllOptions {
  maxRounds?: number;
  /** Checked between rounds; a cancelled fix-all returns what it has so far undone (no edits). */
  isCancelled?: () => boolean;
}

/**
 * Runs rounds of `lint` + first suggestions. `lint` is given each round's text and returns its problems
 * (`firstProblems` can pass the problems already known for `text` to save the first lint).
 */
export async function fixAll(
  text: string,
  lint: (text: string) => Promise<readonly SocketProblem[]>,
  options: FixAllOptions & { firstProblems?: readonly SocketProblem[] } = {},
): Promise<FixAllResult> {
  const maxRounds = options.maxRounds ?? MAX_FIX_ROUNDS;
  let current = text;
  let problems = options.firstProblems ?? (await lint(current));
  let rounds = 0;
  let applied = 0;
  let firstRoundEdits: TextEdit[] = [];
  while (rounds < maxRounds) {
    if (options.isCancelled?.()) return { text, edits: [], rounds, applied: 0 };
    const firstSuggestions = problems.flatMap((problem) => (problem.suggestions[0] ? [problem.suggestions[0].edit] : []));
    const round = applyEdits(current, firstSuggestions);
    if (round.applied.length === 0 || round.text === current) break;
    if (rounds === 0) firstRoundEdits = round.applied;
    rounds += 1;
    applied += round.applied.length;
    current = round.text;
    problems = await lint(current);
  }
  if (current === text) return { text, edits: [], rounds, applied };
  // One round: its own edits, each where its suggestion is. More: one edit spanning what changed.
  const edits = rounds === 1 ? firstRoundEdits : [differenceEdit(text, current)];
  return { text: current, edits, rounds, applied };
}

/** The single edit of `before` that gives `after`: the part between their common prefix and common suffix. */
export function differenceEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  // Never split a surrogate pair or a \r\n between the edit and the text it keeps.
  while (prefix > 0 && isSplitPoint(before, prefix)) prefix -= 1;
  while (suffix > 0 && isSplitPoint(before, before.length - suffix)) suffix -= 1;
  const positions = new TextPositions(before);
  const start = prefix;
  const end = before.length - suffix;
  return { start, end, range: positions.rangeOfOffsets(start, end), newText: after.slice(prefix, after.length - suffix) };
}

function isSplitPoint(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (previous >= 0xd800 && previous <= 0xdbff) || (previous === 0x0d && next === 0x0a);
}
