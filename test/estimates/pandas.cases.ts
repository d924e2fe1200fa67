// The setup both tiers of the pandas DataFrame and Series tests (pandas.test.ts, and
// pandas-python.slow.test.ts which checks the estimates against pandas) run
// their expressions after.
export const SETUP = [
  'import numpy as np',
  'import pandas as pd',
  'a = np.arange(50)',
  'm = np.ones((20, 4), dtype=np.float32)',
  "names = ['ann', 'bob', 'cy', 'dee']",
  'n = 1000',
].join('\n');
