// Just enough of JavaScript's lexical structure to pair parentheses: strings, template literals (with their
// `${…}` parts), comments and regular expression literals are skipped, so a ")" inside them pairs nothing.
// The live counts need no more than "which call's argument list holds this offset".

/** For every "(" offset, the offset of its ")" (or the text's end when it is never closed). */
export function pairParentheses(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  /** One entry per template literal we are inside of: the brace depth at which its `${` opened. */
  const templates: number[] = [];
  let braces = 0;
  /** Whether a "/" here would start a regular expression rather than divide. */
  let regexAllowed = true;
  let index = 0;
  const skipString = (quote: string): void => {
    index += 1;
    while (index < text.length && text[index] !== quote && text[index] !== '\n') index += text[index] === '\\' ? 2 : 1;
    index += 1;
  };
  /** Scans template text from `index`; stops after the closing backtick, or after `${` (returns true). */
  const skipTemplateText = (): boolean => {
    while (index < text.length) {
      const char = text[index];
      if (char === '\\') index += 2;
      else if (char === '`') {
        index += 1;
        return false;
      } else if (char === '$' && text[index + 1] === '{') {
        index += 2;
        return true;
      } else index += 1;
    }
    return false;
  };
  while (index < text.length) {
    const char = text[index] ?? '';
    const next = text[index + 1];
    if (char === '/' && next === '/') {
      const end = text.indexOf('\n', index);
      index = end < 0 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end < 0 ? text.length : end + 2;
    } else if (char === '"' || char === "'") {
      skipString(char);
      regexAllowed = false;
    } else if (char === '`') {
      index += 1;
      if (skipTemplateText()) {
        templates.push(braces);
        braces += 1;
        regexAllowed = true;
      } else regexAllowed = false;
    } else if (char === '/' && regexAllowed) {
      index += 1;
      let inClass = false;
      while (index < text.length && text[index] !== '\n') {
        const inner = text[index];
        if (inner === '\\') index += 1;
        else if (inner === '[') inClass = true;
        else if (inner === ']') inClass = false;
        else if (inner === '/' && !inClass) break;
        index += 1;
      }
      index += 1;
      regexAllowed = false;
    } else if (char === '(') {
      open.push(index);
      index += 1;
      regexAllowed = true;
    } else if (char === ')') {
      const start = open.pop();
      if (start !== undefined) pairs.set(start, index);
      index += 1;
      regexAllowed = false;
    } else if (char === '{') {
      braces += 1;
      index += 1;
      regexAllowed = true;
    } else if (char === '}') {
      braces -= 1;
      index += 1;
      if (templates.length > 0 && templates.at(-1) === braces) {
        // The end of a `${…}`: back into the template's text.
        templates.pop();
        if (skipTemplateText()) {
          templates.push(braces);
          braces += 1;
          regexAllowed = true;
        } else regexAllowed = false;
      } else regexAllowed = true;
    } else if (/[\w$]/.test(char)) {
      const start = index;
      while (index < text.length && /[\w$]/.test(text[index] ?? '')) index += 1;
      const word = text.slice(start, index);
      // After a keyword such as `return` a "/" starts a regular expression; after a name or number it divides.
      regexAllowed = /^(return|typeof|instanceof|in|of|new|delete|void|throw|case|do|else|yield|await)$/.test(word);
    } else if (/\s/.test(char)) {
      index += 1;
    } else {
      index += 1;
      regexAllowed = char !== ']';
    }
  }
  for (const start of open) pairs.set(start, text.length);
  return pairs;
}
