// Answers memhints/lineEstimates: the estimate of each asked line that has one
// (lines that allocate nothing the model knows, or whose size is symbolic, are left out).
import { DocumentFacts } from '../semantics/facts';
import type { Settings } from '../config/config';
import type { OpenDocument } from '../document/documents';
import { SizeEstimator } from '../estimates/estimate';
import { lineAllocation } from '../estimates/lineAllocations';
import { layoutForVersion } from '../sizes/versions';
import { MAX_ESTIMATED_LINES, type LineEstimate } from './lineEstimatesProtocol';

export function lineEstimates(
  document: OpenDocument,
  lines: readonly unknown[],
  settings: Pick<Settings, 'pythonVersion'>,
): LineEstimate[] {
  if (document.skipped) return [];
  const estimator = new SizeEstimator({
    layout: layoutForVersion(settings.pythonVersion),
    facts: new DocumentFacts(document.module),
  });
  const wanted = [
    ...new Set(lines.filter((line): line is number => Number.isInteger(line) && (line as number) >= 0)),
  ].slice(0, MAX_ESTIMATED_LINES);
  const estimates: LineEstimate[] = [];
  for (const line of wanted) {
    const allocation = lineAllocation(
      document.module.partAt(document.text.offsetAt({ line, character: 0 })).root,
      line,
      estimator,
    );
    if (allocation)
      estimates.push({
        line,
        bytes: allocation.size.bytes,
        approximate: allocation.size.approximate,
        atLeast: allocation.atLeast,
        what: allocation.what,
      });
  }
  return estimates;
}
