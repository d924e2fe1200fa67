// IPython syntax in a notebook cell, blanked out before the cell is parsed as
// Python: magics, shell escapes and help requests. Blanking keeps every
// character's offset (each replaced UTF-16 unit becomes one character and line
// ends stay), so positions in the blanked text are positions in the cell.

/** A stretch of the cell, [start, end), that is no longer the user's code. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface BlankedCell {
  /** The cell with IPython syntax replaced: Python that tree-sitter reads cleanly. */
  readonly text: string;
  /** What was replaced, in order. */
  readonly blanked: readonly Span[];
  /**
   * The code a benchmark magic times (`%time`'s and `%timeit`'s statement,
   * `%%time`'s and `%%timeit`'s body), in order. It is measured as written, so
   * nothing in it is reported or fixed; it is still analysed, as it still runs.
   */
  readonly timed: readonly Span[];
}

/** Cell magics whose body runs as Python in the notebook (`%%time`, `%%timeit`…); any other cell magic's body is another language or a file. */
const PYTHON_CELL_MAGICS: ReadonlySet<string> = new Set(['time', 'timeit', 'capture', 'prun', 'memit', 'debug']);

/** The magics, line or cell, that time the code they run. */
const BENCHMARK_MAGICS: ReadonlySet<string> = new Set(['time', 'timeit']);

/**
 * Line magics that run the rest of the line as a Python statement, with the
 * options that take a value (`%timeit -n 10 f()`). The statement is kept.
 */
const PYTHON_LINE_MAGICS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['time', new Set<string>()],
  ['timeit', new Set(['n', 'r', 'p'])],
  ['prun', new Set(['D', 'T', 's', 'l'])],
  ['memit', new Set(['r', 't', 'i'])],
  ['debug', new Set(['b'])],
]);

/**
 * Kept statements are put behind `if 1:`, which runs them as they are and keeps
 * them on their line: left indented they would join a block above. A compound
 * statement cannot follow `if 1:` on the same line, so those lines are blanked.
 */
const KEEP_PREFIX = 'if 1:';
const COMPOUND_STATEMENT = /^(?:for|while|if|elif|else|with|try|except|finally|def|class|async|match|case)\b/;

/** `files = !ls`, `t = %timeit -o f()`: the target is kept and bound to `...`. */
const MAGIC_ASSIGNMENT = /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*(?=[!%])/;

export function blankIPython(cell: string): BlankedCell {
  const blanker = new Blanker(cell);
  const lines = physicalLines(cell);
  let first = lines.findIndex((line) => cell.slice(line.start, line.end).trim() !== '');
  if (first >= 0) {
    const line = lines[first]!;
    const magic = /^\s*%%(\w*)/.exec(cell.slice(line.start, line.end));
    if (magic) {
      if (!PYTHON_CELL_MAGICS.has(magic[1]!)) {
        blanker.blank(0, cell.length);
        return blanker.result();
      }
      blanker.blank(line.start, line.end);
      if (BENCHMARK_MAGICS.has(magic[1]!)) blanker.timed(line.end, cell.length);
      first++;
    }
  }
  blankLineSyntax(cell, lines.slice(Math.max(first, 0)), blanker);
  return blanker.result();
}

interface Line {
  readonly start: number;
  /** Where the line's content ends, before its line break. */
  readonly end: number;
}

function physicalLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length });
  return lines;
}

/** Where Python's tokens stand at the end of a physical line. */
interface ScanState {
  /** The quote of the string still open (`'`, `"`, `'''` or `"""`). */
  quote: string | undefined;
  /** Open brackets. */
  depth: number;
  /** The line ended in a backslash outside strings and comments. */
  continued: boolean;
}

/** Escapes are IPython's only at the start of a logical line, which is where a line starts outside brackets, strings and continuations. */
function blankLineSyntax(cell: string, lines: readonly Line[], blanker: Blanker): void {
  const state: ScanState = { quote: undefined, depth: 0, continued: false };
  let logicalStart: number | undefined;
  let help = false;
  /** Where the statement of a benchmark line magic starts, until its logical line ends. */
  let timedFrom: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const atLogicalStart = state.quote === undefined && state.depth === 0 && !state.continued;
    let scanFrom = line.start;
    if (atLogicalStart) {
      logicalStart = line.start;
      help = false;
      timedFrom = undefined;
      const blanked = blankEscape(cell, line, blanker);
      if (blanked === 'whole line') {
        // A backslash continues a blanked escape onto the next line.
        while (endsWithBackslash(cell, lines[i]!) && i + 1 < lines.length) {
          i++;
          blanker.blank(lines[i]!.start, lines[i]!.end);
        }
        continue;
      }
      if (blanked !== undefined) {
        scanFrom = blanked.scanFrom;
        if (blanked.timed) timedFrom = blanked.scanFrom;
      }
    }
    help = scanLine(cell, { start: scanFrom, end: line.end }, state) || help;
    const logicalEnds = state.quote === undefined && state.depth === 0 && !state.continued;
    if (!logicalEnds) continue;
    // `?` is never Python outside strings and comments: a line holding one asks for help.
    if (help && logicalStart !== undefined) blanker.blank(logicalStart, line.end);
    else if (timedFrom !== undefined) blanker.timed(timedFrom, line.end);
  }
}

function endsWithBackslash(cell: string, line: Line): boolean {
  return line.end > line.start && cell[line.end - 1] === '\\';
}

/** What is left of a line magic's line: where its Python statement starts, and whether the magic times it. */
interface KeptStatement {
  readonly scanFrom: number;
  readonly timed: boolean;
}

/** Blanks an escape at the start of a logical line: 'whole line' when nothing of the line is left, else the statement kept. */
function blankEscape(cell: string, line: Line, blanker: Blanker): 'whole line' | KeptStatement | undefined {
  const content = cell.slice(line.start, line.end);
  const indent = content.length - content.trimStart().length;
  const start = line.start + indent;
  const rest = content.slice(indent);
  const first = rest[0];
  if (first === '!' || first === '?' || first === '/' || first === ',' || first === ';' || rest.startsWith('%%')) {
    blanker.blank(start, line.end);
    return 'whole line';
  }
  if (first === '%') {
    const magic = pythonLineMagic(rest);
    if (magic === undefined || COMPOUND_STATEMENT.test(rest.slice(magic.body))) {
      blanker.blank(start, line.end);
      return 'whole line';
    }
    blanker.replace(start, start + magic.body, KEEP_PREFIX);
    return { scanFrom: start + magic.body, timed: BENCHMARK_MAGICS.has(magic.name) };
  }
  const assignment = MAGIC_ASSIGNMENT.exec(rest);
  if (assignment) {
    const valueStart = start + assignment[0].length;
    blanker.replace(valueStart, line.end, line.end - valueStart >= 3 ? '...' : '0');
    return 'whole line';
  }
  return undefined;
}

/** The magic of `%time stmt` (and the like) and where its Python statement starts in the line, if it runs one. */
function pythonLineMagic(line: string): { readonly name: string; readonly body: number } | undefined {
  const magic = /^%(\w+)/.exec(line);
  const valued = magic ? PYTHON_LINE_MAGICS.get(magic[1]!) : undefined;
  if (!magic || !valued) return undefined;
  const name = magic[1]!;
  const token = /\s+(\S+)/y;
  let position = magic[0].length;
  for (;;) {
    token.lastIndex = position;
    const next = token.exec(line);
    if (!next) return undefined;
    const word = next[1]!;
    const option = /^-(\w)(.*)$/.exec(word);
    if (!option) return { name, body: next.index + next[0].length - word.length };
    position = token.lastIndex;
    if (valued.has(option[1]!) && option[2] === '') {
      token.lastIndex = position;
      if (!token.exec(line)) return undefined;
      position = token.lastIndex;
    }
  }
}

/** Follows strings, brackets and comments through one physical line; true when a `?` stands outside them. */
function scanLine(cell: string, line: Line, state: ScanState): boolean {
  let help = false;
  state.continued = false;
  for (let i = line.start; i < line.end; i++) {
    const ch = cell[i]!;
    if (state.quote !== undefined) {
      if (ch === '\\') i++;
      else if (cell.startsWith(state.quote, i)) {
        i += state.quote.length - 1;
        state.quote = undefined;
      }
      continue;
    }
    if (ch === '#') break;
    if (ch === '"' || ch === "'") {
      state.quote = cell.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += state.quote.length - 1;
    } else if ('([{'.includes(ch)) state.depth++;
    else if (')]}'.includes(ch)) state.depth = Math.max(0, state.depth - 1);
    else if (ch === '?') help = true;
    else if (ch === '\\' && i === line.end - 1) state.continued = true;
  }
  // A one-quote string cannot run past its line unless the line ends in a backslash.
  if (state.quote?.length === 1 && !endsWithBackslash(cell, line)) state.quote = undefined;
  return help;
}

class Blanker {
  private readonly chars: string[];
  private readonly spans: Span[] = [];
  private readonly timedSpans: Span[] = [];

  constructor(private readonly cell: string) {
    this.chars = cell.split('');
  }

  /** Spaces for everything but line breaks. */
  blank(start: number, end: number): void {
    this.replace(start, end, '');
  }

  /** `text` at start (it must fit), spaces after it; line breaks stay. */
  replace(start: number, end: number, text: string): void {
    if (end <= start) return;
    for (let i = start; i < end; i++) {
      const ch = this.cell[i]!;
      this.chars[i] = ch === '\n' || ch === '\r' ? ch : i - start < text.length ? text[i - start]! : ' ';
    }
    this.spans.push({ start, end });
  }

  /** Marks code kept as it is, but timed by a benchmark magic. */
  timed(start: number, end: number): void {
    if (end > start) this.timedSpans.push({ start, end });
  }

  result(): BlankedCell {
    const inOrder = (spans: readonly Span[]) => [...spans].sort((a, b) => a.start - b.start);
    return { text: this.chars.join(''), blanked: inOrder(this.spans), timed: inOrder(this.timedSpans) };
  }
}
