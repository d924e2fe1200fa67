// Hover: the estimated size of the allocation under the cursor.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { DocumentFacts } from '../analysis/facts';
import type { OpenDocument } from '../documents';
import { estimateAt } from '../sizes/locate';
import { layoutForVersion } from '../sizes/versions';
import { rangeOf } from './diagnostics';
import { sizeMarkdown } from './sizeMarkdown';

/** `pythonVersion` is the configured "3.8".."3.13"; sizes are for CPython 3.11 when it is absent or not modelled. */
export function hoverAt(document: OpenDocument, position: Position, pythonVersion?: string): Hover | null {
  const root = document.tree.rootNode;
  const layout = layoutForVersion(pythonVersion);
  const found = estimateAt(root, document.text.offsetAt(position), { layout, facts: new DocumentFacts(root) });
  if (!found) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: sizeMarkdown(found.node.text, found.estimate, layout) },
    range: rangeOf(document.text, found.node.startIndex, found.node.endIndex),
  };
}
