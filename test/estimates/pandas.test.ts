// pandas Series and DataFrames: what the model does not follow is not
// estimated (pandas-python.slow.test.ts checks the estimates against pandas).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateOf } from '../support/sizes';
import { SETUP } from './pandas.cases';

test('what pandas cannot be followed into is not estimated', async () => {
  const expressions = [
    "pd.Series(np.zeros(10), index=list('abcdefghij'))",
    'pd.Series([1, None, 3])',
    'pd.Series([True, 1])',
    'pd.Series([])',
    "pd.Series(['a', f'{n}'])",
    "pd.Series(['a', str(n)])",
    "pd.Series(np.zeros(3), dtype='category')",
    "pd.Series(['a', 'b'], dtype='int64')",
    'pd.Series(np.zeros((3, 3)))',
    'pd.Series(range(2**63, 2**63 + 2))',
    'pd.Series([2**63])',
    "pd.Series({'a': 1})",
    "pd.DataFrame({'a': [1, 2], 'b': [1, 2, 3]})",
    "pd.DataFrame({'a': [1, 2], 'a': [3, 4]})",
    "pd.DataFrame({'a': [1, 2]}, columns=['a'])",
    "pd.DataFrame({'a': 1, 'b': [1, 2]})",
    'pd.DataFrame(np.zeros((2, 3)), columns=["x"])',
    'pd.DataFrame(np.zeros((2, 3, 4)))',
    'pd.DataFrame(np.zeros(5), index=range(5))',
    'pd.Series(*[np.zeros(3)])',
    'pd.Series(unknown)',
  ];
  for (const expression of expressions) {
    assert.equal((await estimateOf(`${SETUP}\nvalue = ${expression}\n`, expression))?.pandas, undefined, expression);
  }
  const appended = `${SETUP}\nxs = [1, 2]\nxs.append(3)\nvalue = pd.Series(xs)\n`;
  assert.equal((await estimateOf(appended, 'pd.Series(xs)'))?.pandas, undefined, 'a list appended to before');
  const aliased = `${SETUP}\nxs = [1, 2]\nys = xs\nys += [3]\nvalue = pd.Series(xs)\n`;
  assert.equal((await estimateOf(aliased, 'pd.Series(xs)'))?.pandas, undefined, 'a list changed through another name');
  const elsewhere = `${SETUP}\nxs = [1, 2]\ndef f():\n    return pd.Series(xs)\n`;
  assert.equal((await estimateOf(elsewhere, 'pd.Series(xs)'))?.pandas, undefined, 'a list read in another block');
  const shadowed = 'class pd:\n    Series = list\nvalue = pd.Series(range(3))\n';
  assert.equal((await estimateOf(shadowed, 'pd.Series(range(3))'))?.pandas, undefined, 'a local pd');
});
