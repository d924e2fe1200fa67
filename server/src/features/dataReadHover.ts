// Hover over a read of a data file the workspace holds, or over the name bound
// to one: what the program will hold once the read runs, estimated from the
// file (see data/). Nothing when the read names no file the workspace holds.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { DataFiles } from '../data/dataFiles';
import { dataReadOf, type DataRead } from '../data/readCalls';
import type { OpenDocument } from '../document/documents';
import { DocumentFacts } from '../semantics/facts';
import { singleAssignmentValue } from '../semantics/names';
import { unparenthesized } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import { dataReadMarkdown } from './dataReadMarkdown';
import { rangeOf } from './diagnostics';

/** How many enclosing nodes are tried for a read call around the cursor. */
const MAX_ANCESTORS = 6;

export async function dataReadHover(
  document: OpenDocument,
  position: Position,
  files: DataFiles,
  documentPath: string | undefined,
  layout: CPythonLayout,
): Promise<Hover | null> {
  const offset = document.text.offsetAt(position);
  const facts = new DocumentFacts(document.module);
  const found = readAt(document.module.partAt(offset).root.descendantForIndex(offset), facts);
  if (!found) return null;
  const result = await files.estimateAsync(found.read, documentPath, layout);
  if (!result) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: dataReadMarkdown(found.read, result) },
    range: rangeOf(document.text, found.node.startIndex, found.node.endIndex),
  };
}

/** The read the cursor is on: a read call around it, or a name bound once to one. */
function readAt(start: Node | null, facts: DocumentFacts): { node: Node; read: DataRead } | undefined {
  if (start?.type === 'identifier') {
    const value = singleAssignmentValue(facts, start);
    const read =
      value && unparenthesized(value).type === 'call' ? dataReadOf(unparenthesized(value), facts) : undefined;
    if (read) return { node: start, read };
  }
  let node = start;
  for (let depth = 0; node && depth < MAX_ANCESTORS; depth++, node = node.parent) {
    if (node.type !== 'call') continue;
    const read = dataReadOf(node, facts);
    if (read) return { node, read };
  }
  return undefined;
}
