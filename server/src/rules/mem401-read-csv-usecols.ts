import type { Node } from 'web-tree-sitter';
import { mayEndIn } from '../semantics/calleeNames';
import { lastPart } from '../text/dottedNames';
import type { DocumentFacts } from '../semantics/facts';
import { stringLiteral } from '../semantics/literals';
import { callArguments, expressionChildren, isField, unparenthesized } from '../semantics/syntax';
import { assignedName, runningScope, usesOfName } from '../semantics/uses';
import { isAssignmentTarget } from '../semantics/assignmentTargets';
import { calleeAnchors } from './anchors';
import { DATAFRAME_ATTRIBUTES } from './dataframe-attributes';
import type { Fix, Rule } from './types';
import type { DataEstimate } from '../data/dataEstimate';
import { costLead } from '../scale/holdsText';
import { approximateSize, type Size } from '../sizes/size';

/** A pandas reader that can leave columns out: the keyword that lists them, and how many positional arguments it takes before them. */
interface Reader {
  readonly keyword: 'usecols' | 'columns';
  readonly positional: number;
}

const READERS: ReadonlyMap<string, Reader> = new Map<string, Reader>([
  ['pandas.read_csv', { keyword: 'usecols', positional: 1 }],
  ['pandas.read_table', { keyword: 'usecols', positional: 1 }],
  ['pandas.read_excel', { keyword: 'usecols', positional: 2 }],
  ['pandas.read_parquet', { keyword: 'columns', positional: 2 }],
  ['pandas.read_feather', { keyword: 'columns', positional: 1 }],
]);

/** The readers' own names: `read_csv` and the others. */
const READER_NAMES: readonly string[] = [...READERS.keys()].map(lastPart);

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

export const mem401: Rule = {
  code: 'MEM401',
  name: 'read-csv-usecols',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'A pandas file read keeps every column though only a few are used',
  docs: {
    whatItDoes:
      'Flags `pd.read_csv`, `pd.read_table`, `pd.read_excel` (which take `usecols=`) and `pd.read_parquet`, `pd.read_feather` (which take `columns=`) called without that argument, when the frame is bound to a name that is bound nowhere else and read, in the same scope, only to select columns by literal name: `df["a"]`, `df[["a", "b"]]` or `df.a` (where `a` is not a DataFrame method or property such as `shape`, `mean` or `index`). pandas is recognised through its imports (`import pandas as pd`, `from pandas import read_csv`). Not flagged when the frame is used any other way (passed to a function, returned, printed, `len(df)`, `df.head()`, `df.loc[…]`), assigned to (`df["c"] = …`), bound again, or used from a nested function; nor when the call already names columns or passes `names=`, `index_col=`, `parse_dates=`, `converters=`, `chunksize=`, `iterator=`, `filters=`, `header=` other than an integer, `**kwargs`, or for `read_excel` a `sheet_name` that is not a single string or integer.',
    whyBadForMemory:
      'pandas holds every column it reads until the frame is dropped: 8 bytes per row for each int64 or float64 column, and for each text column an 8-byte pointer per row plus a str object of 49 bytes and more per row (CPython 3.11, 64-bit, ASCII text). A file of 1,000,000 rows and 20 numeric columns takes 160 MB as a frame; reading the 2 columns the code uses takes 16 MB. With `usecols=` the CSV parser skips the other fields as it goes, and Parquet and Feather readers never load the other columns from disk.',
    example:
      'import pandas as pd\n\nsales = pd.read_csv("sales.csv")\ntotal = (sales["price"] * sales["quantity"]).sum()\nregions = sales.region.unique()',
    useInstead:
      'import pandas as pd\n\nsales = pd.read_csv("sales.csv", usecols=["price", "quantity", "region"])\ntotal = (sales["price"] * sales["quantity"]).sum()\nregions = sales.region.unique()',
    fixSafety:
      'The fix adds `usecols=[…]` (or `columns=[…]`) with the used names, sorted, and is unsafe: if a name is not a column of the file, pandas now raises when reading (before, only the access would fail, and perhaps never run); and the frame no longer holds the other columns, which matters if the names turn out to be used through code the rule cannot see (`eval`, another module). The columns keep the file’s order whatever the order of the list.',
  },
  anchors: calleeAnchors(READER_NAMES),
  check(call, context) {
    const callee = call.childForFieldName('function');
    // Only a frame bound to a name can be followed: that is cheaper to see than what the callee is.
    const frame = assignedName(call);
    if (!callee || !frame || !mayEndIn(callee, READER_NAMES, context.facts)) return undefined;
    const reader = READERS.get(context.facts.qualifiedName(callee) ?? '');
    if (!reader || !readsOneFrame(call, reader)) return undefined;
    const columns = columnsUsed(frame, call, context.facts);
    if (!columns) return undefined;
    const listed = columns.map((column) => `"${column}"`).join(', ');
    const unused = unusedColumnBytes(context.dataReads?.estimateOf(call, context.facts), columns);
    const lead = unused ? costLead(unused, 'unused columns held') : 'Every column held';
    return {
      code: mem401.code,
      message: `${lead}, \`${frame.text}\` uses ${listed}: \`${reader.keyword}=[…]\` reads only ${columns.length === 1 ? 'that one' : 'those'}`,
      severity: mem401.defaultSeverity,
      // When the workspace holds the file, what the unused columns hold decides the scale; otherwise a
      // file is data from outside the program: large.
      ...(unused ? { holds: unused } : { scale: 'large' as const }),
      start: call.startIndex,
      end: call.endIndex,
      ...(columnsFix(call, reader, columns) ?? {}),
    };
  },
};

/** The call reads one frame with named columns, and lists no columns itself. */
function readsOneFrame(call: Node, reader: Reader): boolean {
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

/** The columns selected from `frame`, sorted, when selecting them by literal name is all the code does with it. */
function columnsUsed(frame: Node, call: Node, facts: DocumentFacts): string[] | undefined {
  const uses = usesOfName(facts, frame);
  if (uses?.sites.length !== 1 || uses.sites[0]!.node.id !== frame.id || uses.reads.length === 0) return undefined;
  const scope = runningScope(facts, call);
  const columns = new Set<string>();
  for (const read of uses.reads) {
    if (runningScope(facts, read) !== scope) return undefined;
    const selected = selectedColumns(read);
    if (!selected) return undefined;
    for (const column of selected) columns.add(column);
  }
  return [...columns].sort();
}

/** `df["a"]`, `df[["a", "b"]]` or `df.a`, read, not written: the column names; undefined for any other use. */
function selectedColumns(read: Node): string[] | undefined {
  const parent = read.parent;
  if (!parent) return undefined;
  if (parent.type === 'subscript' && isField(parent, 'value', read) && !isAssignmentTarget(parent)) {
    const keys = parent.childrenForFieldName('subscript');
    return keys.length === 1 ? columnNames(unparenthesized(keys[0]!)) : undefined;
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

/** `"a"` or `["a", "b"]`, plain string literals that can be written back as `"…"`. */
function columnNames(key: Node): string[] | undefined {
  const items = key.type === 'list' ? expressionChildren(key) : [key];
  if (items.length === 0) return undefined;
  const names: string[] = [];
  for (const item of items) {
    const literal = stringLiteral(item);
    if (!literal || literal.bytes || /["\\\r\n]/.test(literal.value)) return undefined;
    names.push(literal.value);
  }
  return names;
}

/** `…, usecols=["a", "b"])`, after the last argument. */
function columnsFix(call: Node, reader: Reader, columns: readonly string[]): { fix: Fix } | undefined {
  const last = callArguments(call).at(-1);
  if (!last) return undefined;
  const list = `[${columns.map((column) => `"${column}"`).join(', ')}]`;
  return {
    fix: {
      title: `Read only the used columns (${reader.keyword}=)`,
      safety: 'unsafe',
      edits: [{ start: last.endIndex, end: last.endIndex, text: `, ${reader.keyword}=${list}` }],
    },
  };
}

/** What the columns the code never uses hold as loaded, when the file's columns are known and include every used one. */
function unusedColumnBytes(estimate: DataEstimate | undefined, used: readonly string[]): Size | undefined {
  const columns = estimate?.columns;
  if (!columns || !used.every((name) => columns.some((column) => column.name === name))) return undefined;
  const bytes = columns
    .filter((column) => !used.includes(column.name))
    .reduce((total, column) => total + column.bytes, 0);
  return approximateSize(bytes);
}
