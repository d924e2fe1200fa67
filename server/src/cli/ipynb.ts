// Jupyter notebook files (.ipynb, nbformat 4, and nbformat 3 with its
// worksheets): the code of each code cell, and fixed code written back by
// editing only those cells' code strings in the JSON text, so that outputs,
// metadata, key order, indentation and the format itself stay as they were.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/** A code cell: its number as a reader counts cells (1-based, Markdown and raw cells included) and its code. */
export interface NotebookCode {
  readonly number: number;
  readonly text: string;
}

export interface Notebook {
  /** Code cells in order; none when the notebook's kernel is not Python. */
  readonly cells: readonly NotebookCode[];
}

/** A file that is not a notebook this reader understands; the message is one line. */
export class NotebookError extends Error {
  override readonly name = 'NotebookError';
}

/**
 * JSON nesting deeper than this is refused before parsing: the parser recurses
 * once per level, and a notebook nests a few levels (widget state a few dozen).
 */
export const MAX_JSON_DEPTH = 512;

/**
 * The code cells. The JSON is read by JSON.parse, 8 to 16 times as fast as a tree
 * with offsets over real notebooks (outputs hold megabytes of images); the tree
 * is built only to write fixes back (withCellSources), or to say where invalid
 * JSON goes wrong.
 */
export function readNotebook(json: string): Notebook {
  if (json.trim() === '') throw new NotebookError('not a notebook: the file is empty');
  const depth = jsonDepth(json);
  if (depth > MAX_JSON_DEPTH)
    throw new NotebookError(
      `not a notebook: its JSON nests ${depth} levels deep, more than the ${MAX_JSON_DEPTH} read`,
    );
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (error) {
    throw new NotebookError(`not a notebook: invalid JSON (${jsonErrorAt(json, error)})`);
  }
  return { cells: codeCells(root, PLAIN).map(({ number, text }) => ({ number, text })) };
}

/** The tree with offsets, for edits; its values read as JSON.parse reads them. */
function notebookTree(json: string): JsonNode {
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || !root)
    throw new NotebookError(
      `not a notebook: invalid JSON (${errors[0] ? describeJsonError(json, errors[0]) : 'no value'})`,
    );
  return root;
}

/** Where JSON.parse failed, as the tree parser words it (line and column); JSON.parse's own words if the two disagree. */
function jsonErrorAt(json: string, error: unknown): string {
  const errors: ParseError[] = [];
  parseTree(json, errors, { disallowComments: true, allowTrailingComma: false });
  return errors[0] ? describeJsonError(json, errors[0]) : String((error as Error).message);
}

/** One way to read a JSON value: JSON.parse's values, or jsonc-parser's nodes with their offsets. */
interface JsonReading<V> {
  kind(value: V): 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** An object's value for a key, the last when the key is repeated (as JSON.parse and Python's json read it). */
  property(object: V, key: string): V | undefined;
  items(array: V): readonly V[];
  /** A string's or a scalar's value. */
  scalar(value: V): unknown;
}

const PLAIN: JsonReading<unknown> = {
  kind: (value) =>
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : (typeof value as 'object' | 'string' | 'number' | 'boolean'),
  property: (object, key) =>
    Object.hasOwn(object as object, key) ? (object as Record<string, unknown>)[key] : undefined,
  items: (array) => array as readonly unknown[],
  scalar: (value) => value,
};

const TREE: JsonReading<JsonNode> = {
  kind: (node) => node.type as 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null',
  property: (object, key) => {
    let found: JsonNode | undefined;
    for (const pair of object.children ?? []) if (pair.children?.[0]?.value === key) found = pair.children[1];
    return found;
  },
  items: (array) => array.children ?? [],
  scalar: (node) => node.value,
};

/** The Python code cells of a notebook read one way or the other, each with its code's value (`source` or `input`). */
function codeCells<V>(root: V, json: JsonReading<V>): { number: number; text: string; source: V }[] {
  if (json.kind(root) !== 'object') throw new NotebookError('not a notebook: the file is not a JSON object');
  const layout = cellLayout(root, json);
  if (!isPython(root, json)) return [];
  const cells: { number: number; text: string; source: V }[] = [];
  for (const [index, cell] of layout.cells.entries()) {
    // nbformat requires both; Jupyter refuses to open a notebook without them, so no cell is skipped unseen.
    if (json.kind(cell) !== 'object') throw new NotebookError(`not a notebook: cell ${index + 1} is not an object`);
    const cellType = json.property(cell, 'cell_type');
    if (cellType === undefined || json.kind(cellType) !== 'string')
      throw new NotebookError(`not a notebook: cell ${index + 1} has no "cell_type" string`);
    if (json.scalar(cellType) !== 'code' || !isPythonName(json.property(cell, 'language'), json)) continue;
    const source = json.property(cell, layout.codeKey);
    const text = source === undefined ? undefined : sourceText(source, json);
    if (text === undefined)
      throw new NotebookError(`not a notebook: cell ${index + 1} has no "${layout.codeKey}" string or list of strings`);
    cells.push({ number: index + 1, text, source: source! });
  }
  return cells;
}

/** The deepest nesting of arrays and objects in the JSON text, strings skipped: one pass, no recursion. */
function jsonDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < json.length; index++) {
    const character = json[index];
    if (character === '"') {
      // Past the string: a backslash escapes the next character.
      for (index++; index < json.length && json[index] !== '"'; index++) if (json[index] === '\\') index++;
    } else if (character === '[' || character === '{') deepest = Math.max(deepest, ++depth);
    else if (character === ']' || character === '}') depth--;
  }
  return deepest;
}

/** Where the cells are, in reading order, and which key holds a code cell's code. */
interface CellLayout<V> {
  readonly cells: readonly V[];
  readonly codeKey: 'source' | 'input';
}

/**
 * nbformat 4 has one `cells` list. nbformat 3 (and 2) has `worksheets`, each
 * with its `cells`, and code cells hold their code in `input`; cells are
 * numbered across worksheets, as `jupyter nbconvert --to notebook` joins them.
 */
function cellLayout<V>(root: V, json: JsonReading<V>): CellLayout<V> {
  const cells = json.property(root, 'cells');
  if (cells !== undefined && json.kind(cells) === 'array') return { cells: json.items(cells), codeKey: 'source' };
  const worksheets = json.property(root, 'worksheets');
  if (worksheets === undefined || json.kind(worksheets) !== 'array')
    throw new NotebookError('not a notebook: no "cells" list (nor nbformat 3 "worksheets")');
  const lists = json.items(worksheets).map((worksheet, index) => {
    const list = json.kind(worksheet) === 'object' ? json.property(worksheet, 'cells') : undefined;
    if (list === undefined || json.kind(list) !== 'array')
      throw new NotebookError(`not a notebook: worksheet ${index + 1} has no "cells" list`);
    return json.items(list);
  });
  return { cells: lists.flat() as V[], codeKey: 'input' };
}

/** "unexpected end of file at line 1, column 12": where the JSON stops being valid. */
function describeJsonError(json: string, error: ParseError): string {
  const before = json.slice(0, error.offset).split(/\r\n|\r|\n/);
  const words = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return `${words} at line ${before.length}, column ${Array.from(before[before.length - 1]!).length + 1}`;
}

/** The JSON text with the given cells' code replaced (by cell number), everything else untouched. */
export function withCellSources(json: string, fixed: ReadonlyMap<number, string>): string {
  const edits: { offset: number; length: number; text: string }[] = [];
  const asciiOnly = /\\u(?!00[0-7])[0-9a-fA-F]{4}/.test(json);
  for (const cell of codeCells(notebookTree(json), TREE)) {
    const text = fixed.get(cell.number);
    if (text === undefined || text === cell.text) continue;
    if (cell.source.type === 'string' || cell.source.type === 'null') {
      edits.push({ offset: cell.source.offset, length: cell.source.length, text: jsonString(text, asciiOnly) });
      continue;
    }
    const items = cell.source.children ?? [];
    const lines = sourceLines(text);
    if (lines.length === items.length) {
      // Same number of lines: only the lines that changed are rewritten.
      for (const [i, item] of items.entries()) {
        if (item.value !== lines[i])
          edits.push({ offset: item.offset, length: item.length, text: jsonString(lines[i]!, asciiOnly) });
      }
      continue;
    }
    edits.push({
      offset: cell.source.offset,
      length: cell.source.length,
      text: linesArray(json, cell.source, lines, asciiOnly),
    });
  }
  let result = json;
  for (const edit of edits.sort((a, b) => b.offset - a.offset))
    result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  return result;
}

/**
 * Notebooks of other kernels (R, Julia…) hold no Python; without metadata saying
 * so, Python is assumed. nbformat 3 notebooks may name it in `metadata.language`.
 */
function isPython<V>(root: V, json: JsonReading<V>): boolean {
  const metadata = json.property(root, 'metadata');
  // A key that is absent or null says nothing: the next place is asked.
  const inside = (value: V | undefined, key: string) => {
    const found = value !== undefined && json.kind(value) === 'object' ? json.property(value, key) : undefined;
    return found !== undefined && json.kind(found) !== 'null' ? found : undefined;
  };
  const language =
    inside(inside(metadata, 'language_info'), 'name') ??
    inside(inside(metadata, 'kernelspec'), 'language') ??
    inside(metadata, 'language');
  return isPythonName(language, json);
}

/** A name of a language that is not Python's; absent (or not a string) means Python. An nbformat 3 cell names its own. */
function isPythonName<V>(language: V | undefined, json: JsonReading<V>): boolean {
  if (language === undefined || json.kind(language) !== 'string') return true;
  return String(json.scalar(language)).toLowerCase() === 'python';
}

/** A cell's code: one string or a list of lines; `null`, which Jupyter reads as an empty cell, is empty. */
function sourceText<V>(source: V, json: JsonReading<V>): string | undefined {
  const kind = json.kind(source);
  if (kind === 'null') return '';
  if (kind === 'string') return json.scalar(source) as string;
  if (kind !== 'array') return undefined;
  const lines = json.items(source);
  if (!lines.every((line) => json.kind(line) === 'string')) return undefined;
  return lines.map((line) => json.scalar(line) as string).join('');
}

/** nbformat's list form: each line keeps its line break, the last may have none. */
function sourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A new list of lines laid out as the old list was (the break and indentation before the first item and before `]`). */
function linesArray(json: string, array: JsonNode, lines: readonly string[], asciiOnly: boolean): string {
  const items = array.children ?? [];
  const end = array.offset + array.length - 1;
  const before = items.length > 0 ? json.slice(array.offset + 1, items[0]!.offset) : '';
  const after =
    items.length > 0 ? json.slice(items[items.length - 1]!.offset + items[items.length - 1]!.length, end) : '';
  if (lines.length === 0) return '[]';
  return `[${lines.map((line) => before + jsonString(line, asciiOnly)).join(',')}${after}]`;
}

/** A JSON string as nbformat (Python's json module) writes it, with non-ASCII escaped when the file escapes it. */
function jsonString(value: string, asciiOnly: boolean): string {
  const text = JSON.stringify(value);
  return asciiOnly
    ? text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}
