// The scale of a value the code surely uses as a DataFrame (its `iterrows()`
// is called, its rows are chosen by a mask of its own columns): every frame
// is data scale, unless the code shows this one small (a small file read) or
// made by a reduction (`groupby(…).sum()`, `head(20)`), whose size it does not show.
import type { Node } from 'web-tree-sitter';
import { DataScales } from '../scale/dataScale';
import { holdsReduction } from '../scale/reducedFrames';
import type { Scale } from '../scale/scale';
import type { RuleContext } from './types';

export function frameScale(frame: Node | null, context: RuleContext): Scale {
  const scale = new DataScales(context.facts, context.dataReads).of(frame);
  if (scale === 'small') return 'small';
  return scale === 'unknown' && holdsReduction(frame, context.facts) ? 'unknown' : 'large';
}
