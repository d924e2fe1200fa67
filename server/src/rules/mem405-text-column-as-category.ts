import type { Node } from 'web-tree-sitter';
import { categoryCandidate, heldAsText } from '../data/categorySaving';
import { isMaterialSaving } from '../sizes/saving';
import type { DataEstimate } from '../data/dataEstimate';
import { literalDtypes } from '../data/literalValues';
import { costLead, amountText } from '../scale/holdsText';
import { mayEndIn } from '../semantics/calleeNames';
import type { DocumentFacts } from '../semantics/facts';
import { callArguments } from '../semantics/syntax';
import { assignedName, usesOfName } from '../semantics/uses';
import { CPYTHON } from '../sizes/cpython';
import { approximateSize, type Size } from '../sizes/size';
import { lastPart } from '../text/dottedNames';
import { calleeAnchors } from './anchors';
import { type ColumnComparison, columnUses } from './mem405-text-column-as-category/columnUses';
import type { Finding, Fix, RelatedLocation, Rule, RuleContext } from './types';

/** The readers that take `dtype=` per column and make a frame of str objects from text. */
const READERS: ReadonlySet<string> = new Set(['pandas.read_csv', 'pandas.read_table']);
const READER_NAMES: readonly string[] = [...READERS].map(lastPart);

/**
 * Arguments that make the result something else than one frame of the file's
 * columns as parsed (chunks, a column made the index or dates, values
 * converted by the code), so that a column's dtype would not be the parser's.
 */
const CONFLICTING_KEYWORDS: ReadonlySet<string> = new Set([
  'chunksize',
  'iterator',
  'converters',
  'index_col',
  'parse_dates',
  'date_parser',
  'date_format',
  'true_values',
  'false_values',
  'squeeze',
  'dtype_backend',
]);

/** The category codes are int8 below this many categories (pandas' coerce_indexer_dtype). */
const ONE_BYTE_CATEGORIES = 126;

export const mem405: Rule = {
  code: 'MEM405',
  name: 'text-column-as-category',
  defaultSeverity: 'warning',
  fixAvailability: 'sometimes',
  summary:
    'A text column read from a file and compared with literals holds a pointer per row where a category holds a code',
  docs: {
    whatItDoes: `Flags \`pd.read_csv\` and \`pd.read_table\` whose frame is bound to a name bound nowhere else, when the code compares one of its columns, selected by literal name (\`df["state"]\` or \`df.state\`), with string literals: \`df["state"] == "CA"\`, \`df.state != "x"\`, \`df["state"].isin(["a", "b"])\`, \`.eq("a")\`, \`.ne("a")\`, wherever the comparison stands (in a \`df[…]\` or \`.loc[…]\` mask too). A column compared with literals is a column of a few values spelled over and over: codes, states, kinds. When the workspace holds the file, its sample decides: the finding names the columns that are text, have at most 50 distinct values in the sample, and save at least 10% of what they hold and 1 KiB as categories, and gives what they hold now and as categories; no such column, no finding. Not flagged when the call already gives the column a dtype, gives one dtype for every column, passes \`converters=\`, \`index_col=\`, \`parse_dates=\`, \`true_values=\`, \`false_values=\`, \`chunksize=\`, \`iterator=\`, \`dtype_backend=\` or \`**kwargs\`; nor for a column the code orders (\`<\`, \`>=\`: an unordered category refuses), combines with an operator (\`+\`), or writes (\`df["state"] = …\`, \`df.loc[m, "state"] = …\`, a method called with \`inplace=\`); nor at all when it writes the frame through something that does not name the column (\`df.loc[m] = …\`). \`pd.read_parquet\` is left out: it takes no \`dtype=\`.`,
    whyBadForMemory: `A column of text read by pandas is an object column: an 8-byte pointer per row to a str. pandas' CSV parser makes one str per distinct value in each chunk of rows it parses and points every row that spells it at that one, so the strs cost little; the pointers cost 8 bytes a row. Read as \`category\`, the column holds an integer code per row, 1 byte for up to 126 distinct values (2 up to 32,766), and each distinct str once. \`DataFrame.memory_usage(deep=True)\` counts a str per row of an object column whether or not rows share it, so it shows a far larger saving than the process sees: over 100,000 rows of twelve two-letter states (the example's sales.csv, with an id and an amount) it reports 5,900,000 bytes for the text column (5,100,000 on CPython 3.13) and 101,008 for the category one, while tracemalloc sees the frame hold 693,968 bytes less as category (CPython 3.11, pandas 1.5.3; 690,385 on 3.13 with pandas 2.2.3, 667,329 on 3.9 with pandas 1.1.5): 7 bytes a row, the pointer less its code. The read's peak falls too with pandas 1.1 and 1.5, by about twice that (4,856,579 to 3,462,330 bytes on 3.11); with pandas 2.2 it rises (6,653,418 to 9,757,720 bytes), as pandas 2.2 copies every column once more whenever \`dtype=\` is a dict, while the frame it returns still holds less. Comparisons with a literal give the same boolean masks on either dtype.`,
    example:
      'import pandas as pd\n\nsales = pd.read_csv("sales.csv")\nin_california = sales["state"] == "CA"\nwest_coast = sales["state"].isin(["CA", "OR", "WA"])\nwest_total = sales.loc[west_coast, "amount"].sum()',
    useInstead:
      'import pandas as pd\n\nsales = pd.read_csv("sales.csv", dtype={"state": "category"})\nin_california = sales["state"] == "CA"\nwest_coast = sales["state"].isin(["CA", "OR", "WA"])\nwest_total = sales.loc[west_coast, "amount"].sum()',
    fixSafety:
      'The fix adds `dtype={"state": "category"}` after the last argument, only when the call has no `dtype=` at all, and is unsafe: the column is then a Categorical, whose categories are the values in the file. Comparisons with literals, `isin`, `.str` methods, `value_counts()` and sorting give the same values, but setting a value that is not among the categories (`df.loc[m, "state"] = "new"`, `fillna("unknown")`, `replace`) raises; ordering comparisons (`<`) and `+` raise on an unordered Categorical; `groupby("state")` and `value_counts()` list every category, with zero rows for those a filter left out (pandas before 3.0 groups with `observed=False`); concatenating frames whose categories differ gives object again; and the column’s dtype shows in `dtypes`, `to_dict()` and any check of it. With pandas 2.2 the read itself peaks higher (see above).',
  },
  anchors: calleeAnchors(READER_NAMES),
  check(call, context) {
    const callee = call.childForFieldName('function');
    const frame = assignedName(call);
    if (!callee || !frame || !mayEndIn(callee, READER_NAMES, context.facts)) return undefined;
    if (!READERS.has(context.facts.qualifiedName(callee) ?? '')) return undefined;
    const typed = typedColumns(call, context.facts);
    if (typed === undefined) return undefined;
    const compared = comparedColumns(frame, context.facts, typed);
    if (compared.length === 0) return undefined;
    const estimate = context.dataReads?.estimateOf(call, context.facts);
    return estimate ? measuredFinding(call, compared, estimate, context) : unmeasuredFinding(call, compared);
  },
};

/**
 * The columns the call already gives a dtype (none without `dtype=`), or
 * undefined when the call is not one the rule follows: splatted arguments,
 * a conflicting keyword, a dtype for every column or one the text does not show.
 */
function typedColumns(call: Node, facts: DocumentFacts): ReadonlySet<string> | undefined {
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  let typed: ReadonlySet<string> = new Set();
  for (const arg of args) {
    if (arg.type !== 'keyword_argument') continue;
    const name = arg.childForFieldName('name')?.text ?? '';
    if (CONFLICTING_KEYWORDS.has(name)) return undefined;
    if (name !== 'dtype') continue;
    const dtypes = literalDtypes(arg.childForFieldName('value')!, facts);
    if (dtypes === undefined || typeof dtypes === 'string') return undefined;
    typed = new Set(Object.keys(dtypes));
  }
  return typed;
}

/** A column compared with literals, with its first comparison. */
interface Compared {
  readonly column: string;
  readonly first: ColumnComparison;
}

/** The columns compared with literals and used in no way a category refuses, in the order of their first comparison. */
function comparedColumns(frame: Node, facts: DocumentFacts, typed: ReadonlySet<string>): Compared[] {
  const uses = usesOfName(facts, frame);
  if (uses?.sites.length !== 1 || uses.sites[0]!.node.id !== frame.id) return [];
  const { comparisons, excluded } = columnUses(uses.reads);
  if (!excluded) return [];
  const columns = new Map<string, Compared>();
  for (const comparison of comparisons) {
    const { column } = comparison;
    if (!typed.has(column) && !excluded.has(column) && !columns.has(column))
      columns.set(column, { column, first: comparison });
  }
  return [...columns.values()];
}

/** A compared column as the file's sample shows it: what it holds as read, and as categories. */
interface MeasuredColumn extends Compared {
  readonly heldAsText: number;
  readonly heldAsCategory: number;
  readonly categories: number;
}

/**
 * The finding when the workspace holds the file: for the compared columns
 * that are text of few distinct values and save a material part of what they
 * hold; none when no column does.
 */
function measuredFinding(
  call: Node,
  compared: readonly Compared[],
  estimate: DataEstimate,
  context: RuleContext,
): Finding | undefined {
  const rows = estimate.rows;
  if (rows === undefined) return undefined;
  const pointer = CPYTHON[context.pythonVersion].pointer;
  const measured = compared.flatMap((candidate): MeasuredColumn[] => {
    const column = estimate.columns?.find((found) => found.name === candidate.column);
    const category = column && categoryCandidate(column);
    if (!category) return [];
    const asText = heldAsText(category, rows, pointer);
    if (!isMaterialSaving(asText - category.bytes, asText)) return [];
    return [{ ...candidate, heldAsText: asText, heldAsCategory: category.bytes, categories: category.categories }];
  });
  if (measured.length === 0) return undefined;
  const asText = approximateSize(sum(measured.map((column) => column.heldAsText)));
  const asCategory = approximateSize(sum(measured.map((column) => column.heldAsCategory)));
  const distinct = `${listed(measured.map((column) => String(column.categories)))} distinct ${measured.length === 1 && measured[0]!.categories === 1 ? 'string' : 'strings'}`;
  return finding(call, measured, {
    message: `${costLead(asText, `${quotedNames(measured)} text, ${distinct}`)}: ${advice(measured)} ${amountText(asCategory)}`,
    holds: approximateSize(asText.bytes - asCategory.bytes),
  });
}

/** The finding when no file says how many distinct values the columns have: the cost per row, at a scale not known. */
function unmeasuredFinding(call: Node, compared: readonly Compared[]): Finding {
  return finding(call, compared, {
    message: `8 B per row of ${quotedNames(compared)} pointers, compared with literals: ${advice(compared)} 1 B (≤ ${ONE_BYTE_CATEGORIES} values)`,
    scale: 'unknown',
  });
}

/** What to write, before what it holds: the dtype for one column; for several, their dtype only (the fix writes them out). */
function advice(columns: readonly Compared[]): string {
  return columns.length === 1 ? `\`${dtypeText(columns)}\` holds` : 'as categories';
}

function finding(
  call: Node,
  columns: readonly Compared[],
  cost: { readonly message: string; readonly holds?: Size; readonly scale?: 'unknown' },
): Finding {
  const related: RelatedLocation[] = columns.map(({ column, first }) => ({
    start: first.node.startIndex,
    end: first.node.endIndex,
    message: `${JSON.stringify(column)} compared with literals`,
  }));
  return {
    code: mem405.code,
    message: cost.message,
    severity: mem405.defaultSeverity,
    ...(cost.holds ? { holds: cost.holds } : {}),
    ...(cost.scale ? { scale: cost.scale } : {}),
    start: call.startIndex,
    end: call.endIndex,
    related,
    ...(categoryFix(call, columns) ?? {}),
  };
}

/** `dtype={"state": "category"}` for the columns. */
function dtypeText(columns: readonly Compared[]): string {
  return `dtype={${columns.map(({ column }) => `${JSON.stringify(column)}: "category"`).join(', ')}}`;
}

/** `, dtype={…}` after the last argument, when the call has no `dtype=` to add to. */
function categoryFix(call: Node, columns: readonly Compared[]): { fix: Fix } | undefined {
  const args = callArguments(call);
  const last = args.at(-1);
  if (!last || args.some((arg) => arg.childForFieldName('name')?.text === 'dtype')) return undefined;
  return {
    fix: {
      title: `Read ${columns.length === 1 ? 'the column' : 'the columns'} as category (dtype=)`,
      safety: 'unsafe',
      edits: [{ start: last.endIndex, end: last.endIndex, text: `, ${dtypeText(columns)}` }],
    },
  };
}

function quotedNames(columns: readonly Compared[]): string {
  return columns.map(({ column }) => JSON.stringify(column)).join(', ');
}

/** "12", "12 and 40", "12, 40 and 3". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
