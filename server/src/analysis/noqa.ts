// `# noqa` and `# noqa: MEM101, MEM102` comments, as Ruff and flake8 read them.

/** Codes suppressed on one line; 'all' for a bare `# noqa`. */
export type Suppression = 'all' | ReadonlySet<string>;

const NOQA = /#\s*noqa(?::\s*(?<codes>[A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*))?/i;

/** Parses the noqa directive in one comment's text, if any. */
export function parseNoqa(comment: string): Suppression | undefined {
  const match = NOQA.exec(comment);
  if (!match) return undefined;
  const codes = match.groups?.['codes'];
  if (!codes) return 'all';
  return new Set(codes.split(/[\s,]+/).filter(Boolean).map((code) => code.toUpperCase()));
}

export function isSuppressed(suppression: Suppression | undefined, code: string): boolean {
  return suppression === 'all' || (suppression !== undefined && suppression.has(code));
}

/**
 * The comment text with `code` added to its noqa list, or a new directive when
 * the comment has none. A bare `# noqa` already covers every code.
 */
export function addCodeToComment(comment: string | undefined, code: string): string {
  if (comment === undefined) return `# noqa: ${code}`;
  const match = NOQA.exec(comment);
  if (!match) return `${comment}  # noqa: ${code}`;
  const existing = parseNoqa(comment);
  if (existing === 'all' || existing?.has(code)) return comment;
  const codes = [...(existing ?? []), code].join(', ');
  return comment.slice(0, match.index) + `# noqa: ${codes}` + comment.slice(match.index + match[0].length);
}
