// What a user would measure for an estimate, the figure every view leads
// with: the deep size (each object once, as a walk over the items counts
// it); for a Series or DataFrame what pandas' memory_usage(deep=True) sums;
// the object's own size, as a lower bound, when its items are unknown.
import type { CPythonLayout } from './cpython';
import type { Total } from './format';
import { memoryUsage } from './pandas';
import { exactSize } from './size';
import type { Estimate } from './sizeEstimate';

export function estimateTotal(estimate: Estimate, layout: CPythonLayout): Total {
  const counted = estimate.pandas && memoryUsage(layout, estimate.pandas);
  if (counted !== undefined) return { size: exactSize(counted), atLeast: false };
  return estimate.deep ? { size: estimate.deep, atLeast: false } : { size: estimate.shallow, atLeast: true };
}
