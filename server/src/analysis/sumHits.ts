// Which `+` of a file may belong to `s = s + …`, told from the text before it
// on its line: MEM201 asks the tree only about those (each question a call
// into WASM), where most `+` are sums of other shapes.
import { BACKSLASH, CARRIAGE_RETURN, CLOSING_PARENTHESIS, DIGIT_0, DIGIT_9, DOT, EQUALS, FORM_FEED, LINE_FEED, OPENING_PARENTHESIS, SPACE, TAB } from '../charCodes';
import { isAsciiWordCharAt } from './asciiWords';
import type { HitFilter } from './nameIndex';

const LAST_ASCII = 127;
/** Characters before `=` in `==`, `<=`, `!=`, `:=` and augmented assignments (`+=`, `//=`, `>>=`…). */
const COMPARING_OR_AUGMENTING: ReadonlySet<number> = new Set([...'=!<>:+-*/%&|^@~'].map((char) => char.charCodeAt(0)));

/**
 * The `+` just after the first addend of `s = s + …`, which reaches the same
 * assignment as the sum's other `+`s: most `+` of a file (`i + 1`, `"a" +
 * b`, `f(x) + 1`, `return a + b`) are ruled out from their line, without a
 * question to the tree.
 */
export const AFTER_GROWN_NAME: HitFilter = { key: 'after `name = name`', mayBeWanted: mayFollowGrownName };

/**
 * Whether the line before a `+` at `offset` may read `name = name`, the
 * first addend a plain name (not a number, an attribute or a call) after the
 * `=` of an assignment and opening brackets. A line break, a continuation, a
 * closing bracket or a non-ASCII character on the way leaves the answer to
 * the tree: a comment or a parenthesised name may stand there.
 */
export function mayFollowGrownName(text: string, offset: number): boolean {
  const addendEnd = skipBack(text, offset - 1, false);
  const code = text.charCodeAt(addendEnd);
  if (addendEnd < 0 || isUndecided(code) || code === CLOSING_PARENTHESIS) return true;
  if (!isAsciiWordCharAt(text, addendEnd)) return false;
  let addendStart = addendEnd;
  while (isAsciiWordCharAt(text, addendStart - 1)) addendStart--;
  const before = text.charCodeAt(addendStart - 1);
  if (before > LAST_ASCII) return true;
  const first = text.charCodeAt(addendStart);
  if ((first >= DIGIT_0 && first <= DIGIT_9) || before === DOT) return false;
  const equals = skipBack(text, addendStart - 1, true);
  const sign = text.charCodeAt(equals);
  if (equals < 0 || isUndecided(sign)) return true;
  return sign === EQUALS && !COMPARING_OR_AUGMENTING.has(text.charCodeAt(equals - 1));
}

/** A line break, a continuation or a non-ASCII character: what the line alone cannot tell. */
function isUndecided(code: number): boolean {
  return code === LINE_FEED || code === CARRIAGE_RETURN || code === BACKSLASH || code > LAST_ASCII;
}

/** The offset of the last character at or before `from` that is not a space (nor an opening parenthesis, with `parentheses`); -1 when none is. */
function skipBack(text: string, from: number, parentheses: boolean): number {
  let at = from;
  for (let code = text.charCodeAt(at); code === SPACE || code === TAB || code === FORM_FEED || (parentheses && code === OPENING_PARENTHESIS); code = text.charCodeAt(--at));
  return at;
}
