// Which calls read a data file the workspace may hold, and how: the reader,
// the file's path as the code spells it, and the options that change what is
// loaded (usecols, dtype, nrows…). Data, not branches: a reader is a line.
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import { callArguments, unparenthesized } from '../semantics/syntax';
import type { DataFormat, TableReadOptions } from './dataEstimate';
import {
  isNoneLiteral,
  literalBoolean,
  literalDtypes,
  literalInteger,
  literalList,
  literalPath,
  literalScalarOrList,
  literalString,
  literalStrings,
} from './literalValues';

/** What a text read builds: one str, one str per line, one bytes object, or parsed JSON. */
export type TextReadKind = 'text' | 'lines' | 'bytes' | 'json';

export interface DataRead {
  readonly call: Node;
  readonly format: DataFormat;
  /** The file's path as the code spells it: relative to where the program runs, or absolute. */
  readonly path: string;
  readonly options: TableReadOptions;
  readonly textKind?: TextReadKind;
}

interface TableReader {
  readonly format: DataFormat;
  readonly pathArgument: string;
  readonly defaultSeparator?: string;
}

const TABLE_READERS: Readonly<Record<string, TableReader>> = {
  'pandas.read_csv': { format: 'csv', pathArgument: 'filepath_or_buffer' },
  'pandas.read_table': { format: 'csv', pathArgument: 'filepath_or_buffer', defaultSeparator: '\t' },
  'pandas.read_parquet': { format: 'parquet', pathArgument: 'path' },
  'numpy.load': { format: 'npy', pathArgument: 'file' },
  // Recognised to say why they are not estimated (data/estimators.ts).
  'pandas.read_feather': { format: 'feather', pathArgument: 'path' },
  'pandas.read_excel': { format: 'excel', pathArgument: 'io' },
  'pandas.read_json': { format: 'json-frame', pathArgument: 'path_or_buf' },
  'pandas.read_pickle': { format: 'pickle', pathArgument: 'filepath_or_buffer' },
};

/** Loaders that take an open file: `json.load(open(p))`, `pickle.load(open(p, "rb"))`. */
const FILE_LOADERS: Readonly<Record<string, { readonly format: DataFormat; readonly textKind?: TextReadKind }>> = {
  'json.load': { format: 'json', textKind: 'json' },
  'pickle.load': { format: 'pickle' },
};

const OPENERS: ReadonlySet<string> = new Set(['builtins.open', 'io.open']);

/** The data read a call makes, when its file is spelled with literals; undefined otherwise. */
export function dataReadOf(call: Node, facts: DocumentFacts): DataRead | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  const name = facts.qualifiedName(callee);
  const table = name === undefined ? undefined : TABLE_READERS[name];
  if (table) return tableRead(call, table, facts);
  const loader = name === undefined ? undefined : FILE_LOADERS[name];
  if (loader) return loaderRead(call, loader.format, loader.textKind, facts);
  if (callee.type === 'attribute') return fileMethodRead(call, callee, facts);
  return undefined;
}

function tableRead(call: Node, reader: TableReader, facts: DocumentFacts): DataRead | undefined {
  const args = argumentsOf(call);
  const pathNode = args.positional[0] ?? args.keywords.get(reader.pathArgument);
  const path = pathNode ? literalPath(pathNode, facts) : undefined;
  if (path === undefined) return undefined;
  const format = reader.format === 'npy' && path.toLowerCase().endsWith('.npz') ? 'npz' : reader.format;
  return { call, format, path, options: tableOptions(args.keywords, reader, facts) };
}

function tableOptions(
  keywords: ReadonlyMap<string, Node>,
  reader: TableReader,
  facts: DocumentFacts,
): TableReadOptions {
  const unmodelled: string[] = [];
  const value = <T>(key: string, read: (node: Node, facts: DocumentFacts) => T | undefined): T | undefined => {
    const node = keywords.get(key);
    return node ? read(node, facts) : undefined;
  };
  /** A keyword whose value is not a literal this reads is not modelled, not dropped: dropping it would give a wrong figure. */
  const strict = <T>(key: string, read: (node: Node, facts: DocumentFacts) => T | undefined): T | undefined => {
    const found = value(key, read);
    if (keywords.has(key) && found === undefined) unmodelled.push(key);
    return found;
  };
  const usecols = value('usecols', literalList) ?? value('columns', literalList);
  const dtype = value('dtype', literalDtypes);
  const nrows = value('nrows', literalInteger);
  const skiprows = strict('skiprows', skipRowsValue);
  const chunksize = value('chunksize', literalInteger);
  const sep = value('sep', literalString) ?? value('delimiter', literalString) ?? reader.defaultSeparator;
  const parseDates = value('parse_dates', parseDatesValue);
  const indexCol = strict('index_col', indexColValue);
  const header = strict('header', (node, f) => (isNoneLiteral(node, f) ? null : literalInteger(node, f)));
  const names = strict('names', literalStrings);
  const keepDefaultNa = strict('keep_default_na', literalBoolean);
  const naValues = strict('na_values', literalStrings);
  const encoding = strict('encoding', literalString);
  const thousands = strict('thousands', literalString);
  const lowMemory = value('low_memory', literalBoolean);
  return {
    ...(usecols ? { usecols } : {}),
    ...(dtype !== undefined ? { dtype } : {}),
    ...(nrows !== undefined ? { nrows } : {}),
    ...(skiprows !== undefined ? { skiprows } : {}),
    ...(chunksize !== undefined ? { chunksize } : {}),
    ...(sep !== undefined ? { sep } : {}),
    ...(parseDates !== undefined ? { parseDates } : {}),
    ...(indexCol !== undefined ? { indexCol } : {}),
    ...(header !== undefined ? { header } : {}),
    ...(names ? { names } : {}),
    ...(keepDefaultNa !== undefined ? { keepDefaultNa } : {}),
    ...(naValues ? { naValues } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...(thousands !== undefined ? { thousands } : {}),
    ...(lowMemory !== undefined ? { lowMemory } : {}),
    ...(unmodelled.length > 0 ? { unmodelled } : {}),
  };
}

/** skiprows: a count, or the line numbers to drop. */
function skipRowsValue(node: Node, facts: DocumentFacts): number | number[] | undefined {
  const count = literalInteger(node, facts);
  if (count !== undefined) return count;
  const lines = literalList(node, facts);
  return lines?.every((line) => typeof line === 'number') ? (lines as number[]) : undefined;
}

/** index_col: a label, a position, a list of them, or False (index_col=True pandas refuses: not modelled). */
function indexColValue(node: Node, facts: DocumentFacts): string | number | (string | number)[] | false | undefined {
  return literalBoolean(node, facts) === false ? false : literalScalarOrList(node, facts);
}

/** parse_dates: the columns named, or True (the index); False parses nothing. */
function parseDatesValue(node: Node, facts: DocumentFacts): readonly string[] | true | undefined {
  const flag = literalBoolean(node, facts);
  if (flag !== undefined) return flag ? true : undefined;
  return literalList(node, facts)?.filter((item): item is string => typeof item === 'string');
}

/** `json.load(open("x.json"))`, `pickle.load(open("x.pkl", "rb"))`. */
function loaderRead(
  call: Node,
  format: DataFormat,
  textKind: TextReadKind | undefined,
  facts: DocumentFacts,
): DataRead | undefined {
  const file = argumentsOf(call).positional[0];
  const opened = file ? openedFile(file, facts) : undefined;
  return opened ? { call, format, path: opened.path, options: {}, ...(textKind ? { textKind } : {}) } : undefined;
}

/** `open(p).read()`, `open(p).readlines()`, `Path(p).read_text()`, `Path(p).read_bytes()`. */
function fileMethodRead(call: Node, callee: Node, facts: DocumentFacts): DataRead | undefined {
  const method = callee.childForFieldName('attribute')?.text;
  const receiver = callee.childForFieldName('object');
  if (!receiver || !method) return undefined;
  if (method === 'read_text' || method === 'read_bytes') {
    const path = literalPath(receiver, facts);
    return path === undefined
      ? undefined
      : { call, format: 'text', path, options: {}, textKind: method === 'read_text' ? 'text' : 'bytes' };
  }
  if (method !== 'read' && method !== 'readlines') return undefined;
  const opened = openedFile(receiver, facts);
  if (!opened) return undefined;
  const textKind: TextReadKind = opened.binary ? 'bytes' : method === 'read' ? 'text' : 'lines';
  if (opened.binary && method === 'readlines') return undefined;
  return { call, format: 'text', path: opened.path, options: {}, textKind };
}

/** `open("x.txt")`, `open("x.bin", "rb")`: the path and whether it is read as bytes. */
function openedFile(node: Node, facts: DocumentFacts): { path: string; binary: boolean } | undefined {
  const call = openerCall(unparenthesized(node), facts);
  if (call?.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  if (!callee || !OPENERS.has(facts.qualifiedName(callee) ?? '')) return undefined;
  const args = argumentsOf(call);
  const pathNode = args.positional[0] ?? args.keywords.get('file');
  const modeNode = args.positional[1] ?? args.keywords.get('mode');
  const path = pathNode ? literalPath(pathNode, facts) : undefined;
  const mode = modeNode ? literalString(modeNode, facts) : 'r';
  if (path === undefined || mode === undefined || /[wax+]/.test(mode)) return undefined;
  return { path, binary: mode.includes('b') };
}

/**
 * The call a file expression is: the call itself, or the one call a name is
 * bound to, by `f = open(…)` or `with open(…) as f`.
 */
function openerCall(file: Node, facts: DocumentFacts): Node | undefined {
  if (file.type !== 'identifier') return file;
  const found = facts.lookup(file.text, file);
  if (found === undefined || found === 'unknown' || found.sites.length !== 1) return undefined;
  const bound = found.sites[0]!.node;
  const target = bound.parent;
  if (target?.type === 'as_pattern_target' && target.parent?.type === 'as_pattern') {
    return target.parent.parent?.type === 'with_item' ? (target.parent.namedChild(0) ?? undefined) : undefined;
  }
  const assignment = target?.type === 'assignment' ? target : undefined;
  return assignment?.childForFieldName('left')?.equals(bound)
    ? (assignment.childForFieldName('right') ?? undefined)
    : undefined;
}

interface Arguments {
  readonly positional: readonly Node[];
  readonly keywords: ReadonlyMap<string, Node>;
}

function argumentsOf(call: Node): Arguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const argument of callArguments(call)) {
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name')?.text;
      const value = argument.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (argument.type !== 'list_splat' && argument.type !== 'dictionary_splat') {
      positional.push(argument);
    }
  }
  return { positional, keywords };
}
