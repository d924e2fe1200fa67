// A SQL query that ends in `LIMIT n` returns at most n rows, whatever the
// table holds: `pd.read_sql_query("select body from emails limit 20", con)`
// reads twenty rows, not the database.
import type { Node } from 'web-tree-sitter';
import type { Folder } from '../semantics/fold';

/** `LIMIT n` (or `LIMIT n OFFSET m`) closing the query, before an optional `;`. */
const CLOSING_LIMIT = /\blimit\s+(\d+)(?:\s+offset\s+\d+)?\s*;?\s*$/i;

/** The row limit of the query a read's first argument folds to, when it ends in one. */
export function queryRowLimit(query: Node | undefined, folder: Folder): bigint | undefined {
  if (!query) return undefined;
  const value = folder.constant(query);
  if (value?.type !== 'str') return undefined;
  const limit = CLOSING_LIMIT.exec(value.value)?.[1];
  return limit === undefined ? undefined : BigInt(limit);
}
