// Where a key sits in TOML text, for pointing at it: smol-toml gives values
// without positions, so the key is found again in the text, as written under
// a [table] header, as a dotted key, or inside a one-line inline table. The
// text is read once into an index, so that a file with thousands of problems
// is located in linear time.

/** 0-based line and UTF-16 column, as LSP counts them. */
export interface TextSpan {
  readonly line: number;
  readonly column: number;
  readonly length: number;
}

const KEY_PART = String.raw`(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')`;
const HEADER = /^\s*\[\[?([^[\]]+)\]\]?/;
const ASSIGNMENT = new RegExp(String.raw`^\s*(${KEY_PART}(?:\s*\.\s*${KEY_PART})*)\s*=`);
const START: TextSpan = { line: 0, column: 0, length: 0 };

/** An assignment's line, to find a key inside its one-line inline table. */
interface AssignmentLine {
  readonly line: number;
  readonly text: string;
  /** Where its value starts. */
  readonly valueAt: number;
}

/** The keys of one TOML text, each with the span that names it, the first one written winning. */
export class TomlKeys {
  /** A key path (its parts joined by NUL) → the span of its last part. */
  private readonly spans = new Map<string, TextSpan>();
  /** A key assigned a value → its line. */
  private readonly assignments = new Map<string, AssignmentLine>();

  constructor(text: string) {
    let table: string[] = [];
    text.split(/\r\n|\r|\n/).forEach((line, index) => {
      const header = HEADER.exec(line);
      if (header) {
        table = dottedKey(header[1]!);
        // A header names every table it opens: `[tool.memhints]` points at `tool` and `memhints`.
        this.name(table, 0, line, index);
        return;
      }
      const assignment = ASSIGNMENT.exec(line);
      if (!assignment) return;
      const key = [...table, ...dottedKey(assignment[1]!)];
      // Only the parts written on this line: the table's own come from its header.
      this.name(key, table.length, line, index);
      const joined = joinKey(key);
      if (!this.assignments.has(joined))
        this.assignments.set(joined, { line: index, text: line, valueAt: assignment[0].length });
    });
  }

  /**
   * The span of the deepest part of `path` found: the key itself, else the
   * table or key that holds it, else the start of the text.
   */
  locate(path: readonly string[]): TextSpan {
    const exact = this.spans.get(joinKey(path));
    if (exact) return exact;
    for (let length = path.length - 1; length > 0; length--) {
      const prefix = path.slice(0, length);
      // `severity = { MEM101 = "loud" }`: the rest of the path inside an inline table.
      const inline = this.inInlineTable(prefix, path[path.length - 1]!);
      if (inline) return inline;
      const held = this.spans.get(joinKey(prefix));
      if (held) return held;
    }
    return START;
  }

  private name(key: readonly string[], from: number, line: string, index: number): void {
    for (let length = from + 1; length <= key.length; length++) {
      const joined = joinKey(key.slice(0, length));
      if (!this.spans.has(joined)) this.spans.set(joined, spanOf(line, index, key[length - 1]!));
    }
  }

  private inInlineTable(prefix: readonly string[], last: string): TextSpan | undefined {
    const assigned = this.assignments.get(joinKey(prefix));
    if (!assigned) return undefined;
    const inner = new RegExp(String.raw`[{,]\s*(["']?)${escapeRegExp(last)}\1\s*=`).exec(
      assigned.text.slice(assigned.valueAt),
    );
    if (!inner) return undefined;
    return {
      line: assigned.line,
      column: assigned.valueAt + inner.index + inner[0].indexOf(last),
      length: last.length,
    };
  }
}

/** One key's span; for many, build a TomlKeys once. */
export function keyLocation(text: string, path: readonly string[]): TextSpan {
  return new TomlKeys(text).locate(path);
}

function joinKey(key: readonly string[]): string {
  return key.join('\u0000');
}

function dottedKey(text: string): string[] {
  return [...text.matchAll(new RegExp(KEY_PART, 'g'))].map(([part]) => part.replace(/^(["'])(.*)\1$/, '$2'));
}

function spanOf(line: string, index: number, key: string): TextSpan {
  const column = line.indexOf(key);
  return column < 0 ? { line: index, column: 0, length: line.length } : { line: index, column, length: key.length };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
