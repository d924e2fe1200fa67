// Bytes per instance with and without __slots__: where the model stops
// (instances-python.slow.test.ts checks its figures against python3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { dictInstanceSize } from '../../server/src/sizes/instances';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];

test('the model gives no size once the attributes no longer fit the shared keys', () => {
  assert.equal(dictInstanceSize(layout, 29), undefined);
  assert.equal(dictInstanceSize(layout, 40), undefined);
});
