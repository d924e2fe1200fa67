// Inlay hints: the estimated size after each allocation whose size exceeds the
// threshold, e.g. `list(range(10**6))  ≈ 36.6 MiB`. Off unless the user asks.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import { DocumentFacts } from '../semantics/facts';
import type { OpenDocument } from '../document/documents';
import { SizeEstimator } from '../estimates/estimate';
import { formatPart, formatSize } from '../sizes/format';
import { outermostEstimates } from '../estimates/outermostEstimates';
import type { Size } from '../sizes/size';
import { layoutForVersion } from '../sizes/versions';

export interface SizeHintOptions {
  readonly threshold: number;
  /** The configured "3.8".."3.13"; CPython 3.11 when absent. */
  readonly pythonVersion?: string;
}

/** The size an allocation holds: deep when known, otherwise its own. */
function heldSize(size: Size | undefined): Size | undefined {
  return size && size.perCount === undefined ? size : undefined;
}

/** Hints for the outermost allocations within `range` that hold more than the threshold. */
export function sizeInlayHints(document: OpenDocument, range: Range, options: SizeHintOptions): InlayHint[] {
  const start = document.text.offsetAt(range.start);
  const end = document.text.offsetAt(range.end);
  const layout = layoutForVersion(options.pythonVersion);
  const estimator = new SizeEstimator({ layout, facts: new DocumentFacts(document.module) });
  const hints: InlayHint[] = [];
  const inRange = (node: Node): boolean => node.endIndex >= start && node.startIndex <= end;
  const parts = document.module.parts.filter((part) => part.end >= start && part.start <= end);
  for (const { node, estimate } of parts.flatMap((part) => [...outermostEstimates(part.root, inRange, estimator)])) {
    const size = heldSize(estimate.deep) ?? heldSize(estimate.shallow);
    if (!size || size.bytes <= options.threshold || node.endIndex > end) continue;
    hints.push({
      position: document.text.positionAt(node.endIndex),
      label: formatPart(size),
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: `${estimate.what}: ${formatSize(size)} estimated for ${layout.label}`,
    });
  }
  return hints;
}
