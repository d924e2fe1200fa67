// Inlay hints: the total after each allocation, and after each read of a
// workspace data file, that holds more than the threshold, e.g.
// `list(range(10**6))  34.3 MiB`; the tooltip is the hover's first line.
import type { InlayHint, Range } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import { DocumentFacts } from '../semantics/facts';
import type { OpenDocument } from '../document/documents';
import { SizeEstimator } from '../estimates/estimate';
import type { DataFiles } from '../data/dataFiles';
import { outermostEstimates } from '../estimates/outermostEstimates';
import { layoutForVersion } from '../sizes/versions';
import { dataReadInlayHints } from './dataReadHints';
import { estimateHeadline } from './sizeHeadline';
import { isOverThreshold, sizeHint } from './sizeHint';

export interface SizeHintOptions {
  readonly threshold: number;
  /** The configured "3.8".."3.13"; CPython 3.11 when absent. */
  readonly pythonVersion?: string;
}

/** The workspace's data files, and where the document is, for the hints after its reads. */
export interface DataHintSource {
  readonly files: DataFiles;
  readonly documentPath: string | undefined;
}

/** Every size hint within `range`: allocations, then reads of data files when the workspace is known. */
export async function inlayHints(
  document: OpenDocument,
  range: Range,
  options: SizeHintOptions,
  data: DataHintSource | undefined,
): Promise<InlayHint[]> {
  const allocations = sizeInlayHints(document, range, options);
  if (!data) return allocations;
  const layout = layoutForVersion(options.pythonVersion);
  const reads = await dataReadInlayHints(document, range, { ...data, layout, threshold: options.threshold });
  return [...allocations, ...reads];
}

/** Hints for the outermost allocations within `range` that hold more than the threshold. */
function sizeInlayHints(document: OpenDocument, range: Range, options: SizeHintOptions): InlayHint[] {
  const start = document.text.offsetAt(range.start);
  const end = document.text.offsetAt(range.end);
  const layout = layoutForVersion(options.pythonVersion);
  const estimator = new SizeEstimator({ layout, facts: new DocumentFacts(document.module) });
  const hints: InlayHint[] = [];
  const inRange = (node: Node): boolean => node.endIndex >= start && node.startIndex <= end;
  const parts = document.module.parts.filter((part) => part.end >= start && part.start <= end);
  for (const { node, estimate } of parts.flatMap((part) => [...outermostEstimates(part.root, inRange, estimator)])) {
    const headline = estimateHeadline(estimate, layout);
    if (!isOverThreshold(headline, options.threshold) || node.endIndex > end) continue;
    hints.push(sizeHint(document.text.positionAt(node.endIndex), headline, layout));
  }
  return hints;
}
