// The setup both tiers of the numpy view tests (ndarrayViews.test.ts, and
// ndarrayViews-python.slow.test.ts which checks them against numpy) run
// their expressions after.
export const SETUP = [
  'import numpy as np',
  'a = np.zeros(1000)',
  'm = np.ones((100, 30), dtype=np.int32)',
  'c = m[:, ::3]',
  'r = a.reshape(40, 25)',
].join('\n');
