// The estimate of a Series or DataFrame whose size pandas' accounting gives
// to the byte: undefined while an object column's items are unknown, so that
// no container or inlay hint adds up a guess.
import { pandasSize, type PandasFrame } from '../../sizes/pandas';
import { countedParts, describeFrame, overheadPart } from '../../sizes/pandasDescribe';
import { exactSize } from '../../sizes/size';
import { ObjectTally } from '../../sizes/tally';
import type { EstimateContext } from '../types';
import type { Estimate } from '../../sizes/sizeEstimate';

export function pandasEstimate(context: EstimateContext, frame: PandasFrame): Estimate | undefined {
  const { layout } = context;
  const bytes = pandasSize(layout, frame);
  if (bytes === undefined) return undefined;
  const parts = [...countedParts(layout, frame), overheadPart(layout, frame)];
  const shallow = exactSize(bytes);
  return {
    kind: frame.kind,
    what: describeFrame(frame),
    shallow,
    shallowParts: parts
      .filter((part) => part.bytes !== undefined && part.bytes > 0)
      .map((part) => ({ size: exactSize(part.bytes!), label: part.label })),
    // A walk over list, tuple, set and dict items sees the Series or DataFrame as one object of this size.
    deep: shallow,
    deepParts: [],
    objects: new ObjectTally(),
    notes: [],
    alternative: undefined,
    pandas: frame,
  };
}
