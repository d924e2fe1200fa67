// MEM401's fix: the used columns listed in the read (`usecols=[…]` or
// `columns=[…]`); and the line `df = df[["a", "b"]]` after the read dropped
// when the read then gives just what it selects, in the same order.
import type { Node } from 'web-tree-sitter';
import type { DataEstimate } from '../../data/dataEstimate';
import type { DocumentFacts } from '../../semantics/facts';
import { callArguments } from '../../semantics/syntax';
import { columnListKeyNames } from '../column-keys';
import type { ColumnReader, UsedColumns } from '../frame-columns';
import type { Fix, TextEdit } from '../types';
import { lineBreakAfter, lineStartOf } from '../token-layout';

/** `…, usecols=["a", "b"])` after the last argument, and the subset line dropped when that changes nothing. */
export function columnsFix(
  call: Node,
  reader: ColumnReader,
  used: UsedColumns,
  estimate: DataEstimate | undefined,
  facts: DocumentFacts,
  source: string,
): { fix: Fix } | undefined {
  const last = callArguments(call).at(-1);
  if (!last) return undefined;
  const subset = subsetNames(used, facts);
  const columns = subset ?? used.columns;
  const list = `[${columns.map((column) => `"${column}"`).join(', ')}]`;
  const edits: TextEdit[] = [{ start: last.endIndex, end: last.endIndex, text: `, ${reader.keyword}=${list}` }];
  const dropped =
    subset && used.rebinding && inFileOrder(subset, estimate)
      ? lineDeletion(used.rebinding.statement, source)
      : undefined;
  if (dropped) edits.push(dropped);
  return {
    fix: {
      title: `Read only the used columns (${reader.keyword}=)${dropped ? ', without the line that selects them' : ''}`,
      safety: 'unsafe',
      edits,
    },
  };
}

/** The names `df = df[[…]]` selects, in its order and each once, when that is all the statement after the read is. */
function subsetNames(used: UsedColumns, facts: DocumentFacts): string[] | undefined {
  const rebinding = used.rebinding;
  const value = rebinding?.value;
  if (value?.type !== 'subscript' || rebinding!.reads[0]?.parent?.id !== value.id) return undefined;
  const keys = value.childrenForFieldName('subscript');
  const names = keys.length === 1 ? columnListKeyNames(keys[0]!, facts) : undefined;
  // A name twice selects its column twice; usecols= reads it once.
  return names && new Set(names).size === names.length ? names : undefined;
}

/**
 * Whether the file's columns, as the workspace's copy shows them, hold each
 * name once and in the list's order: usecols= keeps the file's order, a
 * subscript its list's.
 */
function inFileOrder(names: readonly string[], estimate: DataEstimate | undefined): boolean {
  const columns = estimate?.columns?.map((column) => column.name);
  if (!columns) return false;
  const places = names.map((name) => columns.indexOf(name));
  return (
    names.every((name, index) => places[index]! >= 0 && columns.lastIndexOf(name) === places[index]) &&
    places.every((place, index) => index === 0 || places[index - 1]! < place)
  );
}

/**
 * The statement's lines, when it has them to itself (a comment may follow
 * it): from its line's start to the next line's; undefined when other code
 * shares them.
 */
function lineDeletion(statement: Node, source: string): TextEdit | undefined {
  // Lines end at CRLF, a lone CR or LF, for Python and the editor alike.
  const start = lineStartOf(source, statement.startIndex);
  if (source.slice(start, statement.startIndex).trim() !== '') return undefined;
  const end = lineBreakAfter(source, statement.endIndex)?.end ?? source.length;
  const rest = source.slice(statement.endIndex, end).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  return { start, end, text: '' };
}
