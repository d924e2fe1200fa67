// How deep a text nests, read from the text alone before it is parsed (see
// limits.ts): indentation levels and open brackets, strings and comments
// skipped. It reads every character of every file checked, so it reads
// character codes and jumps through long strings with indexOf.
import {
  APOSTROPHE,
  BACKSLASH,
  CARRIAGE_RETURN,
  FORM_FEED,
  HASH,
  LINE_FEED,
  QUOTE,
  SPACE,
  TAB,
} from '../text/charCodes';

export interface TextNesting {
  /** The deepest indentation stack, counted as Python's tokenizer does (blank and comment lines ignored). */
  readonly indentLevels: number;
  /** The most brackets open at once, outside strings and comments. */
  readonly bracketDepth: number;
  /** Whether the text ends inside brackets or a triple-quoted string: a statement left open. */
  readonly endsOpen: boolean;
}

/** What the scan does at each character code: most characters (0) it passes over, brackets it counts, the rest stop it. */
const STOP = 1;
const OPEN = 2;
const CLOSE = 3;
const ACTIONS = new Uint8Array(65536);
for (const code of [LINE_FEED, CARRIAGE_RETURN, HASH, QUOTE, APOSTROPHE, BACKSLASH]) ACTIONS[code] = STOP;
for (const code of [40, 91, 123]) ACTIONS[code] = OPEN;
for (const code of [41, 93, 125]) ACTIONS[code] = CLOSE;

/**
 * Indentation and bracket nesting from a single pass over the text, skipping
 * strings and comments well enough for a limit (not a tokenizer: f-string
 * replacement fields are treated as part of the string). With `codeLineStarts`,
 * also where a top-level statement may start: the lines that begin with code
 * at column 0, outside brackets and strings, not continuing the line above.
 */
export function textNesting(text: string, codeLineStarts?: number[]): TextNesting {
  const indents: number[] = [0];
  let maxIndentLevels = 0;
  let brackets = 0;
  let maxBrackets = 0;
  let endsInString = false;
  let i = 0;
  const length = text.length;
  while (i < length) {
    // At the start of a line: its indentation counts when no bracket or string is open.
    const lineStart = i;
    let width = 0;
    let code = text.charCodeAt(i);
    while (code === SPACE || code === TAB || code === FORM_FEED) {
      width = code === SPACE ? width + 1 : code === TAB ? width - (width % 8) + 8 : 0;
      code = text.charCodeAt(++i);
    }
    const blank = i >= length || code === LINE_FEED || code === CARRIAGE_RETURN || code === HASH;
    if (brackets === 0 && !blank) {
      if (width > indents[indents.length - 1]!) indents.push(width);
      else while (width < indents[indents.length - 1]!) indents.pop();
      maxIndentLevels = Math.max(maxIndentLevels, indents.length - 1);
      if (codeLineStarts && i === lineStart) codeLineStarts.push(i);
    }
    // The rest of the line (and of any string or continuation it opens).
    let continued = false;
    while (i < length) {
      code = text.charCodeAt(i);
      const action = ACTIONS[code];
      if (action !== STOP) {
        if (action === OPEN) maxBrackets = Math.max(maxBrackets, ++brackets);
        else if (action === CLOSE && brackets > 0) brackets--;
        i++;
        continued = false;
        continue;
      }
      if (code === LINE_FEED || code === CARRIAGE_RETURN) {
        i += code === CARRIAGE_RETURN && text.charCodeAt(i + 1) === LINE_FEED ? 2 : 1;
        if (!continued) break;
        continued = false;
        continue;
      }
      continued = false;
      if (code === HASH) i = lineEnd(text, i);
      else if (code === QUOTE || code === APOSTROPHE) {
        const after = afterString(text, i);
        endsInString = after === UNCLOSED;
        i = endsInString ? length : after;
      } else {
        // A backslash continues the line.
        continued = true;
        i++;
      }
    }
  }
  return { indentLevels: maxIndentLevels, bracketDepth: maxBrackets, endsOpen: brackets > 0 || endsInString };
}

/** Where the line holding `from` ends: at its \n or \r, or the end of the text. */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === LINE_FEED || code === CARRIAGE_RETURN) break;
    i++;
  }
  return i;
}

/** What afterString gives for a triple-quoted string the text does not close. */
const UNCLOSED = -1;

/** The offset just after the string literal whose opening quote is at `start`: the end of its line for an unclosed one-line string, UNCLOSED for a triple-quoted one. */
function afterString(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  if (text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote)
    return afterTripleQuoted(text, start + 3, text.slice(start, start + 3));
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i += 2;
    else if (code === quote) return i + 1;
    // An unterminated single-quoted string ends at the line end, as Python reports it.
    else if (code === LINE_FEED || code === CARRIAGE_RETURN) return i;
    else i++;
  }
  return i;
}

/** After a triple-quoted string's body from `from` (UNCLOSED if it has no end): its closing quotes found by indexOf, each backslash escaping the character after it. */
function afterTripleQuoted(text: string, from: number, quotes: string): number {
  let i = from;
  let close = text.indexOf(quotes, i);
  for (;;) {
    const end = close === -1 ? text.length : close;
    // Searched up to the closing quotes only: a search on to the end of the text, for each string, would cost a pass over the rest of it.
    const backslash = text.slice(i, end).indexOf('\\');
    if (backslash === -1) return close === -1 ? UNCLOSED : close + quotes.length;
    i += backslash + 2;
    // Only an escaped quote moves the close: the quotes are looked for again past it, not after every backslash.
    if (close !== -1 && i > close) close = text.indexOf(quotes, i);
  }
}
