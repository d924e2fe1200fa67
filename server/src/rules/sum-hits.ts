// Which `+` of a file may belong to `s = s + …` or `s = … + s`, told from the
// text around it on its line: MEM201 and the accumulations MEM5xx read ask the
// tree only about those (each question a call into WASM), where most `+` are
// sums of other shapes.
import {
  BACKSLASH,
  CARRIAGE_RETURN,
  CLOSING_PARENTHESIS,
  COLON,
  DIGIT_0,
  DIGIT_9,
  DOT,
  EQUALS,
  FORM_FEED,
  HASH,
  LINE_FEED,
  OPENING_PARENTHESIS,
  SEMICOLON,
  SPACE,
  TAB,
} from '../text/charCodes';
import { isAsciiWordCharAt } from '../text/asciiWords';
import type { HitFilter } from './types';

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
  for (
    let code = text.charCodeAt(at);
    code === SPACE || code === TAB || code === FORM_FEED || (parentheses && code === OPENING_PARENTHESIS);
    code = text.charCodeAt(--at)
  );
  return at;
}

/**
 * The `+` just before the last addend of `s = … + s`, which prepends to
 * the name: the rest of the line after it reads a plain name and the end of
 * the statement, and the line starts with that name and `=`. What the line
 * cannot tell (a line break right after the `+`, a continuation, a
 * non-ASCII character) is left to the tree.
 */
export const BEFORE_GROWN_NAME: HitFilter = {
  key: 'before the `name` of `name = …`',
  mayBeWanted: mayPrecedeGrownName,
};

export function mayPrecedeGrownName(text: string, offset: number): boolean {
  const nameStart = skipForward(text, offset + 1, true);
  const first = text.charCodeAt(nameStart);
  if (nameStart >= text.length || isUndecided(first)) return true;
  if (!isAsciiWordCharAt(text, nameStart) || (first >= DIGIT_0 && first <= DIGIT_9)) return false;
  let nameEnd = nameStart;
  while (isAsciiWordCharAt(text, nameEnd)) nameEnd++;
  const end = skipForward(text, nameEnd);
  const after = text.charCodeAt(end);
  if (after === BACKSLASH || after > LAST_ASCII) return true;
  const endsStatement =
    end >= text.length ||
    after === LINE_FEED ||
    after === CARRIAGE_RETURN ||
    after === HASH ||
    after === SEMICOLON ||
    after === CLOSING_PARENTHESIS;
  return endsStatement && lineAssigns(text, offset, text.slice(nameStart, nameEnd));
}

/**
 * Whether the text of the line before `offset` assigns to `name` (`name =`,
 * not `==`, or `name: T =`), or is a line the text alone cannot tell about: one that
 * continues a statement (after a `\\` or an opening bracket, or starting with
 * an operator or a closing bracket) or holds a non-ASCII character.
 */
function lineAssigns(text: string, offset: number, name: string): boolean {
  let lineStart = offset;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  if (continuesStatement(text, lineStart)) return true;
  const line = text.slice(lineStart, offset);
  for (let at = line.indexOf(name); at >= 0; at = line.indexOf(name, at + 1)) {
    if (isAsciiWordCharAt(line, at - 1) || isAsciiWordCharAt(line, at + name.length)) continue;
    const sign = skipForward(line, at + name.length);
    if ((line.charCodeAt(sign) === EQUALS && line.charCodeAt(sign + 1) !== EQUALS) || line.charCodeAt(sign) === COLON)
      return true;
  }
  for (let at = 0; at < line.length; at++) if (line.charCodeAt(at) > LAST_ASCII) return true;
  return false;
}

/** Characters that end a line in the middle of a statement: a continuation, an opening bracket, a comma. */
const OPENING_OR_CONTINUING: ReadonlySet<number> = new Set([...'\\([{,'].map((char) => char.charCodeAt(0)));

/** Whether the line starting at `lineStart` continues the line before it (told from that line's last character, and its own first). */
function continuesStatement(text: string, lineStart: number): boolean {
  if (!isAsciiWordCharAt(text, skipForward(text, lineStart))) return true;
  let end = lineStart - 1;
  while (end >= 0 && isLineBreak(text.charCodeAt(end))) end--;
  const last = skipBack(text, end, false);
  return last >= 0 && OPENING_OR_CONTINUING.has(text.charCodeAt(last));
}

function isLineBreak(code: number): boolean {
  return code === LINE_FEED || code === CARRIAGE_RETURN;
}

/** The offset of the first character at or after `from` that is not a space (nor an opening parenthesis, with `parentheses`). */
function skipForward(text: string, from: number, parentheses = false): number {
  let at = from;
  for (
    let code = text.charCodeAt(at);
    code === SPACE || code === TAB || code === FORM_FEED || (parentheses && code === OPENING_PARENTHESIS);
    code = text.charCodeAt(++at)
  );
  return at;
}
