// ASCII words in a text, read as character codes: the text searches run these
// tests on every hit of a word, and a code comparison costs a fraction of a
// regular expression on a one-character string.
import {
  BACKSLASH,
  CARRIAGE_RETURN,
  DIGIT_0,
  DIGIT_9,
  FORM_FEED,
  LINE_FEED,
  LOWER_A,
  LOWER_Z,
  SPACE,
  TAB,
  UNDERSCORE,
  UPPER_A,
  UPPER_Z,
} from './charCodes';

/** A whole text that is one ASCII identifier. */
export const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `text[index]` is an ASCII letter, digit or underscore (false past either end). */
export function isAsciiWordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (
    (code >= LOWER_A && code <= LOWER_Z) ||
    (code >= UPPER_A && code <= UPPER_Z) ||
    (code >= DIGIT_0 && code <= DIGIT_9) ||
    code === UNDERSCORE
  );
}

/** The offsets where `text` spells `word` (an identifier) as a whole word, not inside a longer ASCII word. */
export function* wholeWordOffsets(text: string, word: string): Generator<number> {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!isAsciiWordCharAt(text, at - 1) && !isAsciiWordCharAt(text, at + word.length)) yield at;
  }
}

/** Whether `text[index]` is a space, a line break or a backslash continuing a line. */
function isGapAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (
    code === SPACE ||
    code === TAB ||
    code === LINE_FEED ||
    code === CARRIAGE_RETURN ||
    code === FORM_FEED ||
    code === BACKSLASH
  );
}

/** The ASCII word that ends just before `end`, across spaces, line breaks and backslash continuations ('' when none does). */
export function wordBefore(text: string, end: number): string {
  let last = end - 1;
  while (last >= 0 && isGapAt(text, last)) last--;
  let first = last;
  while (first >= 0 && isAsciiWordCharAt(text, first)) first--;
  return text.slice(first + 1, last + 1);
}
