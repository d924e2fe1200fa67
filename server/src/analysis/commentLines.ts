// The run of comment-only lines right above a line, found by reading the text
// backwards from it: cheaper than cutting the whole document into lines, which
// matters for questions asked all over a file.

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
