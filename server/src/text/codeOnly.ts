// Python text with its comments and string literals blanked: what a search for
// keywords in the code itself reads. `'data-science-for-good'` and a comment
// that speaks of lambdas hold no `for` or `lambda` of the code. A scan of the
// text, not a parse: broken code stays scannable, and an unclosed string
// blanks the rest of the text (the safe side for a search that asks whether a
// keyword may be there: it then finds none in the blanked part).
import { APOSTROPHE, HASH, QUOTE } from './charCodes';

/** `text` with every comment and string literal (its quotes and prefix left) replaced by spaces, line breaks kept. */
export function codeOnly(text: string): string {
  const parts: string[] = [];
  let copiedTo = 0;
  let at = 0;
  const blank = (from: number, to: number) => {
    parts.push(text.slice(copiedTo, from), text.slice(from, to).replace(/[^\r\n]/g, ' '));
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

function lineEnd(text: string, from: number): number {
  const newline = text.slice(from).search(/[\r\n]/);
  return newline === -1 ? text.length : from + newline;
}

/** Past the string literal whose opening quote is at `start` (one quote or three); the text's end when it is not closed. */
function stringEnd(text: string, start: number): number {
  const quote = text[start]!;
  const triple = text.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  for (let at = start + closing.length; at < text.length; at++) {
    const char = text[at]!;
    if (char === '\\') at++;
    else if (!triple && (char === '\n' || char === '\r')) return at;
    else if (text.startsWith(closing, at)) return at + closing.length;
  }
  return text.length;
}
