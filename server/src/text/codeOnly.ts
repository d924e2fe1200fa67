// Python text with its comments and string literals blanked: what a search for
// keywords in the code itself reads. `'data-science-for-good'` and a comment
// that speaks of lambdas hold no `for` or `lambda` of the code. A scan of the
// text, not a parse: broken code stays scannable, and an unclosed string
// blanks the rest of the text (the safe side for a search that asks whether a
// keyword may be there: it then finds none in the blanked part).
import { APOSTROPHE, BACKSLASH, CARRIAGE_RETURN, HASH, LINE_FEED, QUOTE } from './charCodes';

/** `text` with every comment and string literal (its quotes and prefix left) replaced by spaces, line breaks kept. */
export function codeOnly(text: string): string {
  const parts: string[] = [];
  let copiedTo = 0;
  let at = 0;
  const blank = (from: number, to: number) => {
    const blanked = text.slice(from, to);
    parts.push(
      text.slice(copiedTo, from),
      /[\r\n]/.test(blanked) ? blanked.replace(/[^\r\n]/g, ' ') : ' '.repeat(to - from),
    );
    copiedTo = to;
  };
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === HASH) {
      const end = lineEnd(text, at);
      blank(at, end);
      at = end;
    } else if (code === QUOTE || code === APOSTROPHE) {
      const end = stringEnd(text, at);
      blank(at, end);
      at = end;
    } else at++;
  }
  parts.push(text.slice(copiedTo));
  return parts.join('');
}

function isLineBreak(code: number): boolean {
  return code === LINE_FEED || code === CARRIAGE_RETURN;
}

function lineEnd(text: string, from: number): number {
  let at = from;
  while (at < text.length && !isLineBreak(text.charCodeAt(at))) at++;
  return at;
}

/** Past the string literal whose opening quote is at `start` (one quote or three); the text's end when it is not closed. */
function stringEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const triple = text.charCodeAt(start + 1) === quote && text.charCodeAt(start + 2) === quote;
  for (let at = start + (triple ? 3 : 1); at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === BACKSLASH) at++;
    else if (!triple && isLineBreak(code)) return at;
    else if (code === quote && (!triple || (text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote)))
      return at + (triple ? 3 : 1);
  }
  return text.length;
}
