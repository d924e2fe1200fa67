// Bytes per instance with and without __slots__, against what tracemalloc
// counts in python3 when a program makes many instances of one class. What
// the model leaves out is in instances.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../../server/src/sizes/instances';
import { classSource, measureInstances } from '../support/instances';

const layout = CPYTHON[DEFAULT_PYTHON_VERSION];

test('instance sizes with and without __slots__ match python3 for 0 to 28 attributes', () => {
  const counts = Array.from({ length: 29 }, (_, i) => i);
  const sources = counts.flatMap((n) => [classSource(n, false), classSource(n, true)]);
  const measured = measureInstances(sources.map((source) => ({ source, make: 'C()' })));
  const modelled = counts.flatMap((n) => [dictInstanceSize(layout, n), slottedInstanceSize(layout, n)]);
  assert.deepEqual(modelled, measured);
});
