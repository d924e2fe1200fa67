// `# noqa` and `# noqa: MEM101, MEM102` comments, as Ruff and flake8 read them.

/** Codes suppressed on one line; 'all' for a bare `# noqa`. */
export type Suppression = 'all' | ReadonlySet<string>;

/**
 * Other linters' codes for the same check as a memhints rule: a line already
 * silenced for that linter is silenced for memhints too, without a second code.
 */
const NOQA_ALIASES: ReadonlyMap<string, string> = new Map([
  // flake8-bugbear's and Ruff's cached-instance-method: a cache on a method.
  ['B019', 'MEM202'],
]);

const NOQA = /#\s*noqa(?::\s*(?<codes>[A-Z]+[0-9]+(?:\s*,?\s*[A-Z]+[0-9]+)*))?/i;

/** Parses the noqa directive in one comment's text, if any: the codes it lists, and the memhints codes their aliases stand for. */
export function parseNoqa(comment: string): Suppression | undefined {
  const match = NOQA.exec(comment);
  if (!match) return undefined;
  const listed = listedCodes(match);
  if (!listed) return 'all';
  return new Set(listed.flatMap((code) => [code, ...aliasOf(code)]));
}

/** The codes a directive spells, upper-cased; undefined for a bare `# noqa`. */
function listedCodes(match: RegExpExecArray): string[] | undefined {
  const codes = match.groups?.['codes'];
  return codes
    ? codes
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase())
    : undefined;
}

function aliasOf(code: string): string[] {
  const alias = NOQA_ALIASES.get(code);
  return alias ? [alias] : [];
}

export function isSuppressed(suppression: Suppression | undefined, code: string): boolean {
  return suppression === 'all' || suppression?.has(code) === true;
}

/**
 * The comment text with `code` added to its noqa list, or a new directive when
 * the comment has none. A bare `# noqa` already covers every code, and a
 * listed alias (`B019`) its memhints code.
 */
export function addCodeToComment(comment: string | undefined, code: string): string {
  if (comment === undefined) return `# noqa: ${code}`;
  const match = NOQA.exec(comment);
  if (!match) return `${comment}  # noqa: ${code}`;
  if (isSuppressed(parseNoqa(comment), code)) return comment;
  const codes = [...(listedCodes(match) ?? []), code].join(', ');
  return `${comment.slice(0, match.index)}# noqa: ${codes}${comment.slice(match.index + match[0].length)}`;
}
