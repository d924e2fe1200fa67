// The scale of a document's data reads, from the data files the workspace
// holds: what DataScales asks when a read names a file it can find.
import type { Node } from 'web-tree-sitter';
import type { DataEstimate } from '../data/dataEstimate';
import type { DataFiles } from '../data/dataFiles';
import { dataReadOf } from '../data/readCalls';
import type { DataReadScales } from '../scale/dataScale';
import type { DocumentFacts } from '../semantics/facts';
import type { CPythonLayout } from '../sizes/cpython';

/** Reads of the document at `documentPath` are small when their file will hold less than `smallBytes` once loaded. */
export function dataReadScales(
  files: DataFiles,
  documentPath: string | undefined,
  layout: CPythonLayout,
  smallBytes: number,
): DataReadScales {
  const estimateOf = (call: Node, facts: DocumentFacts): DataEstimate | undefined => {
    const read = dataReadOf(call, facts);
    return read && files.estimate(read, documentPath, layout)?.estimate;
  };
  return {
    estimateOf,
    scaleOf(call: Node, facts: DocumentFacts) {
      const bytes = estimateOf(call, facts)?.bytes;
      if (bytes === undefined) return undefined;
      return bytes < smallBytes ? 'small' : 'large';
    },
  };
}
