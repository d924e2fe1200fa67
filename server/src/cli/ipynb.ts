// Jupyter notebook files (.ipynb, nbformat 4, and nbformat 3 with its
// worksheets): the code of each code cell, and fixed code written back by
// editing only those cells' code strings in the JSON text, so that outputs,
// metadata, key order, indentation and the format itself stay as they were.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/** A code cell: its number as a reader counts cells (1-based, Markdown and raw cells included) and its code. */
export interface NotebookCode {
  readonly number: number;
  readonly text: string;
  /** The code's value in the JSON text (`source`, or `input` in nbformat 3): one string, a list of lines, or null for none. */
  readonly source: JsonNode;
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

export function readNotebook(json: string): Notebook {
  if (json.trim() === '') throw new NotebookError('not a notebook: the file is empty');
  const depth = jsonDepth(json);
  if (depth > MAX_JSON_DEPTH)
    throw new NotebookError(
      `not a notebook: its JSON nests ${depth} levels deep, more than the ${MAX_JSON_DEPTH} read`,
    );
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0)
    throw new NotebookError(`not a notebook: invalid JSON (${describeJsonError(json, errors[0]!)})`);
  if (root?.type !== 'object') throw new NotebookError('not a notebook: the file is not a JSON object');
  const layout = cellLayout(root);
  if (!isPython(root)) return { cells: [] };
  const cells: NotebookCode[] = [];
  for (const [index, cell] of layout.cells.entries()) {
    // nbformat requires both; Jupyter refuses to open a notebook without them, so no cell is skipped unseen.
    if (cell.type !== 'object') throw new NotebookError(`not a notebook: cell ${index + 1} is not an object`);
    const cellType = property(cell, 'cell_type');
    if (cellType?.type !== 'string')
      throw new NotebookError(`not a notebook: cell ${index + 1} has no "cell_type" string`);
    if (cellType.value !== 'code' || !isPythonCell(cell)) continue;
    const source = property(cell, layout.codeKey);
    const text = source && sourceText(source);
    if (text === undefined)
      throw new NotebookError(`not a notebook: cell ${index + 1} has no "${layout.codeKey}" string or list of strings`);
    cells.push({ number: index + 1, text, source: source! });
  }
  return { cells };
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
interface CellLayout {
  readonly cells: readonly JsonNode[];
  readonly codeKey: 'source' | 'input';
}

/**
 * nbformat 4 has one `cells` list. nbformat 3 (and 2) has `worksheets`, each
 * with its `cells`, and code cells hold their code in `input`; cells are
 * numbered across worksheets, as `jupyter nbconvert --to notebook` joins them.
 */
function cellLayout(root: JsonNode): CellLayout {
  const cells = property(root, 'cells');
  if (cells?.type === 'array') return { cells: cells.children ?? [], codeKey: 'source' };
  const worksheets = property(root, 'worksheets');
  if (worksheets?.type !== 'array')
    throw new NotebookError('not a notebook: no "cells" list (nor nbformat 3 "worksheets")');
  const lists = (worksheets.children ?? []).map((worksheet, index) => {
    const list = worksheet.type === 'object' ? property(worksheet, 'cells') : undefined;
    if (list?.type !== 'array') throw new NotebookError(`not a notebook: worksheet ${index + 1} has no "cells" list`);
    return list.children ?? [];
  });
  return { cells: lists.flat(), codeKey: 'input' };
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
export function withCellSources(
  json: string,
  cells: readonly NotebookCode[],
  fixed: ReadonlyMap<number, string>,
): string {
  const edits: { offset: number; length: number; text: string }[] = [];
  const asciiOnly = /\\u(?!00[0-7])[0-9a-fA-F]{4}/.test(json);
  for (const cell of cells) {
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

function property(object: JsonNode, key: string): JsonNode | undefined {
  for (const pair of object.children ?? []) {
    if (pair.children?.[0]?.value === key) return pair.children[1];
  }
  return undefined;
}

/**
 * Notebooks of other kernels (R, Julia…) hold no Python; without metadata saying
 * so, Python is assumed. nbformat 3 notebooks may name it in `metadata.language`.
 */
function isPython(root: JsonNode): boolean {
  const metadata = property(root, 'metadata');
  const language =
    (metadata &&
      property(metadata, 'language_info') &&
      property(property(metadata, 'language_info')!, 'name')?.value) ??
    (metadata && property(metadata, 'kernelspec') && property(property(metadata, 'kernelspec')!, 'language')?.value) ??
    (metadata && property(metadata, 'language')?.value);
  return isPythonName(language);
}

/** An nbformat 3 code cell names its language; nbformat 4 cells do not. */
function isPythonCell(cell: JsonNode): boolean {
  return isPythonName(property(cell, 'language')?.value);
}

function isPythonName(language: unknown): boolean {
  return typeof language !== 'string' || language.toLowerCase() === 'python';
}

/** A cell's code: one string or a list of lines; `null`, which Jupyter reads as an empty cell, is empty. */
function sourceText(source: JsonNode): string | undefined {
  if (source.type === 'null') return '';
  if (source.type === 'string') return stringValue(source);
  if (source.type !== 'array') return undefined;
  const lines = (source.children ?? []).map(stringValue);
  return lines.every((line): line is string => line !== undefined) ? lines.join('') : undefined;
}

function stringValue(node: JsonNode): string | undefined {
  return node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
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
