// Comments told from the text around a line: the run of comment-only lines
// right above it, and whether an offset on it follows a comment's `#`. Read
// backwards from the line: cheaper than cutting the whole document into
// lines, which matters for questions asked all over a file.
import { APOSTROPHE, CARRIAGE_RETURN, HASH, LINE_FEED, QUOTE } from './charCodes';

/** Where the line holding `offset` starts: after the last \n or \r before it. */
export function lineStartBefore(source: string, offset: number): number {
  let at = offset;
  while (at > 0 && source[at - 1] !== '\n' && source[at - 1] !== '\r') at--;
  return at;
}

/** Where the comment-only lines right above the line starting at `lineStart` begin (`lineStart` itself when there are none). */
export function commentRunStart(source: string, lineStart: number): number {
  let top = lineStart;
  while (top > 0) {
    // The previous line ends with \n, \r or \r\n just before `top`.
    const previousEnd = source[top - 1] === '\n' && source[top - 2] === '\r' ? top - 2 : top - 1;
    const previousStart = lineStartBefore(source, previousEnd);
    if (!source.slice(previousStart, top).trimStart().startsWith('#')) break;
    top = previousStart;
  }
  return top;
}

/** How far back followsCommentStart reads: each hit on a line pays for it, and a file may be one long line. */
const MAX_LOOK_BACK = 160;

/**
 * Whether `offset` follows a `#` on its line with no quote from the line start
 * to `offset` itself: that `#` starts a comment, or lies in a string that
 * cannot close before `offset`, so no token starts at `offset`. Read
 * backwards to the line start; false when the line starts further back than
 * MAX_LOOK_BACK (the tree is asked instead).
 */
export function followsCommentStart(source: string, offset: number): boolean {
  if (isQuote(source.charCodeAt(offset))) return false;
  let hash = false;
  for (let at = offset - 1; at >= 0; at--) {
    if (offset - at > MAX_LOOK_BACK) return false;
    const code = source.charCodeAt(at);
    if (code === LINE_FEED || code === CARRIAGE_RETURN) break;
    if (isQuote(code)) return false;
    if (code === HASH) hash = true;
  }
  return hash;
}

function isQuote(code: number): boolean {
  return code === QUOTE || code === APOSTROPHE;
}
