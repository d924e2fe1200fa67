// Hover: the estimated size of the allocation under the cursor.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { DocumentFacts } from '../analysis/facts';
import type { Settings } from '../config';
import type { OpenDocument } from '../documents';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../sizes/cpython';
import { estimateAt } from '../sizes/locate';
import { rangeOf } from './diagnostics';
import { sizeMarkdown } from './sizeMarkdown';

/** `settings.pythonVersion` is the version the code targets; the size model covers 3.11 only so far. */
export function hoverAt(document: OpenDocument, position: Position, _settings: Pick<Settings, 'pythonVersion'>): Hover | null {
  const root = document.tree.rootNode;
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const found = estimateAt(root, document.text.offsetAt(position), { layout, facts: new DocumentFacts(root) });
  if (!found) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sizeMarkdown(found.node.text, found.estimate, layout) },
    range: rangeOf(document.text, found.node.startIndex, found.node.endIndex),
  };
}
