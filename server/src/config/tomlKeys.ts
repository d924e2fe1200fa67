// Where a key sits in TOML text, for pointing at it: smol-toml gives values
// without positions, so the key is found again in the text, as written under
// a [table] header, as a dotted key, or inside a one-line inline table.

/** 0-based line and UTF-16 column, as LSP counts them. */
export interface TextSpan {
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

const KEY_PART = String.raw`(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')`;
const HEADER = /^\s*\[\[?([^[\]]+)\]\]?/;
const ASSIGNMENT = new RegExp(String.raw`^\s*(${KEY_PART}(?:\s*\.\s*${KEY_PART})*)\s*=`);

/**
 * The span of the deepest part of `path` found: the key itself, else the
 * table or key that holds it, else the start of the text.
 */
export function keyLocation(text: string, path: readonly string[]): TextSpan {
  let best = { span: { line: 0, column: 0, length: 0 }, matched: 0 };
  const consider = (span: TextSpan, matched: number) => {
    if (matched > best.matched) best = { span, matched };
  };
  let table: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const header = HEADER.exec(line);
    if (header) {
      table = dottedKey(header[1]!);
      const matched = sharedPrefix(table, path);
      if (matched === Math.min(table.length, path.length))
        consider(spanOf(line, index, table[matched - 1] ?? ''), matched);
      return;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) return;
    const key = [...table, ...dottedKey(assignment[1]!)];
    const matched = sharedPrefix(key, path);
    if (matched < Math.min(key.length, path.length) || matched <= table.length) return;
    consider(spanOf(line, index, key[matched - 1]!), matched);
    // `severity = { MEM101 = "loud" }`: the rest of the path inside an inline table.
    const last = path[path.length - 1]!;
    if (matched < path.length) {
      const inner = new RegExp(String.raw`[{,]\s*(["']?)${escapeRegExp(last)}\1\s*=`).exec(
        line.slice(assignment[0].length),
      );
      if (inner)
        consider(
          { line: index, column: assignment[0].length + inner.index + inner[0].indexOf(last), length: last.length },
          path.length,
        );
    }
  });
  return best.span;
}

function dottedKey(text: string): string[] {
  return [...text.matchAll(new RegExp(KEY_PART, 'g'))].map(([part]) => part.replace(/^(["'])(.*)\1$/, '$2'));
}

function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function spanOf(line: string, index: number, key: string): TextSpan {
  const column = line.indexOf(key);
  return column < 0 ? { line: index, column: 0, length: line.length } : { line: index, column, length: key.length };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
