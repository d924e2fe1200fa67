// The pandas constructor call around a position, for a hover that has to say
// "unknown" where the size model gives no estimate (an object column whose
// strings the code does not show).
import type { Node } from 'web-tree-sitter';
import type { DocumentFacts } from '../semantics/facts';
import type { CPythonLayout } from '../sizes/cpython';
import { SizeEstimator } from './estimate';
import { pandasConstructor, pandasFrame } from './estimators/pandas';
import type { PandasFrame } from '../sizes/pandas';

export interface LocatedFrame {
  readonly node: Node;
  readonly frame: PandasFrame;
}

/** The innermost `pd.Series(...)` / `pd.DataFrame(...)` around the offset, when its rows and columns are known. */
export function pandasFrameAt(
  root: Node,
  offset: number,
  options: { layout?: CPythonLayout; facts?: DocumentFacts },
): LocatedFrame | undefined {
  const estimator = new SizeEstimator(options);
  for (let node: Node | null = root.descendantForIndex(offset, offset); node; node = node.parent) {
    if (!pandasConstructor(node, estimator)) continue;
    const frame = pandasFrame(node, estimator);
    return frame && { node, frame };
  }
  return undefined;
}
