// Whether a character of a text continues an ASCII word, read as a character
// code: the text searches run this test on every hit of a word, and a code
// comparison costs a fraction of a regular expression on a one-character string.

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const UPPER_A = 65;
const UPPER_Z = 90;
const UNDERSCORE = 95;
const LOWER_A = 97;
const LOWER_Z = 122;

/** Whether `text[index]` is an ASCII letter, digit or underscore (false past either end). */
export function isAsciiWordCharAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (code >= LOWER_A && code <= LOWER_Z) || (code >= UPPER_A && code <= UPPER_Z) || (code >= DIGIT_0 && code <= DIGIT_9) || code === UNDERSCORE;
}

/** The ASCII word that ends just before `end`, across spaces, line breaks and backslash continuations ('' when none does). */
export function wordBefore(text: string, end: number): string {
  let last = end - 1;
  while (last >= 0 && /[ \t\f\r\n\\]/.test(text[last]!)) last--;
  let first = last;
  while (first >= 0 && isAsciiWordCharAt(text, first)) first--;
  return text.slice(first + 1, last + 1);
}
