// What the code of one line allocates when it runs, by the size model: the
// outermost estimable expressions that start on the line, added up (an
// expression over several lines counts, whole, on the line where it starts). Constants
// the compiler makes once (or CPython shares) are left out: running the line
// allocates nothing for them.
import type { Node } from 'web-tree-sitter';
import { foldsAtCompileTime } from './compile-time';
import type { SizeEstimator } from './estimate';
import { cachedObjectKey } from '../sizes/objects';
import { outermostEstimates } from './outermostEstimates';
import { addSizes, exactSize, type Size } from '../sizes/size';
import type { Estimate } from '../sizes/sizeEstimate';
import { estimateTotal } from '../sizes/total';

export interface LineAllocation {
  /** 0-based row. */
  readonly line: number;
  /** The totals the hovers lead with (deep where known, else shallow); a sum when the line makes several objects. */
  readonly size: Size;
  /** Some object's items are not counted: the size is a lower bound. */
  readonly atLeast: boolean;
  /** What the line makes, in words ("a list of 1,000,000 items"), or how many objects. */
  readonly what: string;
}

/** The line's estimated allocations, or undefined when it has none or one of them grows with a count that is not known. */
export function lineAllocation(root: Node, line: number, estimator: SizeEstimator): LineAllocation | undefined {
  const estimates: Estimate[] = [];
  const onLine = (node: Node): boolean => node.startPosition.row <= line && node.endPosition.row >= line;
  for (const { node, estimate } of outermostEstimates(root, onLine, estimator)) {
    // A container the model cannot size holds more than the parts it can: `{n: str(n) for n in range(N)}` is no 48-byte range.
    if (insideUnsizedContainer(node)) return undefined;
    // An allocation that starts on an earlier line holds what is written inside it on this one.
    if (node.startPosition.row === line && !isMadeOnce(node, estimator)) estimates.push(estimate);
  }
  let total: Size | undefined = exactSize(0);
  let atLeast = false;
  for (const estimate of estimates) {
    const held = estimateTotal(estimate, estimator.layout);
    atLeast ||= held.atLeast;
    total = held.size.perCount === undefined ? addSizes(total, held.size) : undefined;
    if (total === undefined) return undefined;
  }
  if (estimates.length === 0 || total === undefined) return undefined;
  const what = estimates.length === 1 ? estimates[0]!.what : `${estimates.length} objects`;
  return { line, size: total, atLeast, what };
}

/** A constant of the code (or an object CPython shares): made once at compile time, not each time the line runs. */
function isMadeOnce(node: Node, estimator: SizeEstimator): boolean {
  const value = estimator.folder.constant(node);
  if (value === undefined) return false;
  return (
    cachedObjectKey(estimator.layout, value) !== undefined ||
    foldsAtCompileTime(node, estimator.folder, estimator.layout)
  );
}

/** Comprehensions and displays whose result holds an item per pass or per entry. */
const HOLDING_CONTAINERS: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'list',
  'set',
  'dictionary',
  'tuple',
]);

/** The node sits in a comprehension or display of its statement: one the model did not size, or the node would not be outermost. */
function insideUnsizedContainer(node: Node): boolean {
  for (
    let parent = node.parent;
    parent && !parent.type.endsWith('statement') && parent.type !== 'module';
    parent = parent.parent
  )
    if (HOLDING_CONTAINERS.has(parent.type)) return true;
  return false;
}
