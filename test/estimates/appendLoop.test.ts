// A list filled by `.append()` in a `for` loop: where the model gives no loop
// estimate (appendLoop-python.slow.test.ts checks the estimates against each
// interpreter).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateSize } from '../../server/src/estimates/estimate';
import { parsed } from '../support/tree';

test('an append that may not run once per pass, or a list changed elsewhere, has no loop estimate', async () => {
  const sources = [
    'xs = []\nfor i in range(10):\n    if i:\n        xs.append(i)\n',
    'xs = []\nfor i in range(10):\n    xs.append(i)\n    if i > 5:\n        break\n',
    'xs = [1]\nfor i in range(10):\n    xs.append(i)\n',
    'xs = []\nxs.append(0)\nfor i in range(10):\n    xs.append(i)\n',
    'xs = []\nfor i in range(10):\n    xs.append(i)\n    xs.pop()\n',
    'xs = []\nfor i in things:\n    xs.append(i)\n',
    'xs = []\nwhile True:\n    xs.append(1)\n',
  ];
  for (const text of sources) {
    const source = await parsed(text);
    try {
      const call = source.find('call', text.includes('xs.append(i)') ? 'xs.append(i)' : 'xs.append(1)');
      assert.equal(estimateSize(call, { facts: source.facts }), undefined, text);
    } finally {
      source.tree.delete();
    }
  }
});
