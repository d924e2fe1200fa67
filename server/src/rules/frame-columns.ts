// pandas reads whose frame the code uses only through a few columns named by
// literals (`df["a"]`, `df[["a", "b"]]`, `df[COLUMNS]`, `df.a`): which readers can leave the
// other columns out, and which columns the code uses. MEM401 asks for the
// others to be left out; MEM404 counts what that would save.
import type { Node } from 'web-tree-sitter';
import { isAssignmentTarget } from '../semantics/assignmentTargets';
import type { DocumentFacts } from '../semantics/facts';
import { stringLiteral } from '../semantics/literals';
import { callArguments, isField } from '../semantics/syntax';
import { assignedName, runningScope, usesOfName } from '../semantics/uses';
import { lastPart } from '../text/dottedNames';
import { columnKeyNames } from './column-keys';
import { DATAFRAME_ATTRIBUTES } from './dataframe-attributes';
import { rebindingAfter, type Rebinding } from './frame-rebinding';

/** A pandas reader that can leave columns out: the keyword that lists them, and how many positional arguments it takes before them. */
export interface ColumnReader {
  readonly keyword: 'usecols' | 'columns';
  readonly positional: number;
}

export const COLUMN_READERS: ReadonlyMap<string, ColumnReader> = new Map<string, ColumnReader>([
  ['pandas.read_csv', { keyword: 'usecols', positional: 1 }],
  ['pandas.read_table', { keyword: 'usecols', positional: 1 }],
  ['pandas.read_excel', { keyword: 'usecols', positional: 2 }],
  ['pandas.read_parquet', { keyword: 'columns', positional: 2 }],
  ['pandas.read_feather', { keyword: 'columns', positional: 1 }],
]);

/** The readers' own names: `read_csv` and the others. */
export const COLUMN_READER_NAMES: readonly string[] = [...COLUMN_READERS.keys()].map(lastPart);

/**
 * Arguments that make the result something else than one frame of named
 * columns (a reader, a dict of sheets, integer labels), or that name columns
 * themselves, so the columns to keep would depend on them.
 */
const CONFLICTING_KEYWORDS: ReadonlySet<string> = new Set([
  'usecols',
  'columns',
  'names',
  'index_col',
  'parse_dates',
  'converters',
  'date_parser',
  'chunksize',
  'iterator',
  'squeeze',
  'filters',
]);

/** The call reads one frame with named columns, and lists no columns itself. */
export function readsOneFrame(call: Node, reader: ColumnReader): boolean {
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return false;
  const positional = args.filter((arg) => arg.type !== 'keyword_argument');
  if (positional.length === 0 || positional.length > reader.positional) return false;
  const keywords = new Map(
    args.flatMap((arg) => {
      const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : undefined;
      const value = arg.childForFieldName('value');
      return name && value ? [[name, value] as const] : [];
    }),
  );
  if ([...keywords.keys()].some((name) => CONFLICTING_KEYWORDS.has(name))) return false;
  const header = keywords.get('header');
  if (header && header.type !== 'integer') return false;
  // read_excel's sheet_name (second positional) may ask for several sheets: a dict of frames.
  const sheet =
    reader.positional === 2 && reader.keyword === 'usecols' ? (keywords.get('sheet_name') ?? positional[1]) : undefined;
  return sheet === undefined || sheet.type === 'integer' || stringLiteral(sheet) !== undefined;
}

/** The reader a call is, when it is one that can leave columns out. */
export function columnReaderOf(call: Node, facts: DocumentFacts): ColumnReader | undefined {
  const callee = call.childForFieldName('function');
  return callee ? COLUMN_READERS.get(facts.qualifiedName(callee) ?? '') : undefined;
}

/** The columns the code uses of the frame a read binds to a name, when it uses it only through columns named by literals. */
export function columnsUsedOfRead(call: Node, facts: DocumentFacts): string[] | undefined {
  const frame = assignedName(call);
  const reader = columnReaderOf(call, facts);
  return frame && reader && readsOneFrame(call, reader) ? columnsUsed(frame, call, facts)?.columns : undefined;
}

export interface UsedColumns {
  /** The columns selected, sorted. */
  readonly columns: string[];
  /** The statement right after the read that binds the name again from the frame, when that is where the columns are selected. */
  readonly rebinding?: Rebinding;
}

/**
 * The columns selected from `frame`, when selecting them by name is all the
 * code does with it: wherever it is read, when it is bound only there; or in
 * the statement right after, when that binds the name again (`df =
 * df[["a", "b"]]`).
 */
export function columnsUsed(frame: Node, call: Node, facts: DocumentFacts): UsedColumns | undefined {
  const reads = frameReads(frame, call, facts);
  const uses = reads ? undefined : usesOfName(facts, frame);
  const rebinding = uses ? rebindingAfter(frame, uses, facts) : undefined;
  const columns = new Set<string>();
  for (const read of reads ?? rebinding?.reads ?? []) {
    const selected = selectedColumns(read, facts);
    if (!selected) return undefined;
    for (const column of selected) columns.add(column);
  }
  if (columns.size === 0) return undefined;
  return { columns: [...columns].sort(), ...(rebinding ? { rebinding } : {}) };
}

/**
 * Where the frame `call` reads is used, when it is bound to `frame` only
 * there and read at least once, every time in the scope the call runs in (a
 * nested function may run at any time, or never).
 */
export function frameReads(frame: Node, call: Node, facts: DocumentFacts): readonly Node[] | undefined {
  const uses = usesOfName(facts, frame);
  if (uses?.sites.length !== 1 || uses.sites[0]!.node.id !== frame.id || uses.reads.length === 0) return undefined;
  const scope = runningScope(facts, call);
  return uses.reads.every((read) => runningScope(facts, read) === scope) ? uses.reads : undefined;
}

/** `df["a"]`, `df[["a", "b"]]`, `df[COLUMNS]` or `df.a`, read, not written: the column names; undefined for any other use. */
export function selectedColumns(read: Node, facts: DocumentFacts): string[] | undefined {
  const parent = read.parent;
  if (!parent) return undefined;
  if (parent.type === 'subscript' && isField(parent, 'value', read) && !isAssignmentTarget(parent)) {
    const keys = parent.childrenForFieldName('subscript');
    return keys.length === 1 ? columnKeyNames(keys[0]!, facts) : undefined;
  }
  if (parent.type === 'attribute' && isField(parent, 'object', read) && !isAssignmentTarget(parent)) {
    const name = parent.childForFieldName('attribute')?.text;
    if (!name || name.startsWith('_') || DATAFRAME_ATTRIBUTES.has(name)) return undefined;
    // `df.a(…)` would call a column: not the shape of code that uses columns.
    const call = parent.parent;
    if (call?.type === 'call' && isField(call, 'function', parent)) return undefined;
    return [name];
  }
  return undefined;
}
