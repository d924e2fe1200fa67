// Inlay hints after the reads of workspace data files that will hold more than
// the threshold once they run: `pd.read_csv("big.csv")  ≈ 1.3 MiB as loaded`,
// in the words of the read's hover. Estimating a file may read a sample of it,
// so this is asynchronous.
import type { InlayHint, Range } from 'vscode-languageserver';
import type { Node } from 'web-tree-sitter';
import type { DataFiles } from '../data/dataFiles';
import { dataReadOf } from '../data/readCalls';
import type { OpenDocument } from '../document/documents';
import { DocumentFacts } from '../semantics/facts';
import { descendants } from '../semantics/syntax';
import type { CPythonLayout } from '../sizes/cpython';
import { dataReadHeadline } from './dataReadMarkdown';
import { isOverThreshold, sizeHint } from './sizeHint';

export interface DataHintOptions {
  readonly files: DataFiles;
  readonly documentPath: string | undefined;
  readonly layout: CPythonLayout;
  readonly threshold: number;
}

export async function dataReadInlayHints(
  document: OpenDocument,
  range: Range,
  options: DataHintOptions,
): Promise<InlayHint[]> {
  const start = document.text.offsetAt(range.start);
  const end = document.text.offsetAt(range.end);
  const facts = new DocumentFacts(document.module);
  const inRange = (node: Node): boolean => node.endIndex >= start && node.startIndex <= end;
  const reads = document.module.parts
    .filter((part) => part.end >= start && part.start <= end)
    .flatMap((part) => [...descendants(part.root, inRange)])
    .filter((node) => node.type === 'call' && node.endIndex <= end && inRange(node))
    .flatMap((call) => {
      const read = dataReadOf(call, facts);
      return read ? [{ call, read }] : [];
    });
  const hints = await Promise.all(
    reads.map(async ({ call, read }) => {
      const estimate = (await options.files.estimateAsync(read, options.documentPath, options.layout))?.estimate;
      const headline = estimate && dataReadHeadline(estimate);
      return headline && isOverThreshold(headline, options.threshold)
        ? [sizeHint(document.text.positionAt(call.endIndex), headline, options.layout)]
        : [];
    }),
  );
  return hints.flat();
}
