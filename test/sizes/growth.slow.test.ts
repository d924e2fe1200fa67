// List capacities against python3: appending item by item (comprehensions)
// and preallocating from a sized iterable (list(range(n))), for n = 0..300.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { capacityAfterAppends, listSize, preallocatedCapacity } from '../../server/src/sizes/objects';
import { runPythonJson } from '../support/python';

const SIZES = String.raw`
import json, sys
counts = json.load(sys.stdin)
print(json.dumps({
    "appended": [sys.getsizeof([x for x in range(n)]) for n in counts],
    "preallocated": [sys.getsizeof(list(range(n))) for n in counts],
    "repeated": [sys.getsizeof([None] * n) for n in counts],
}))
`;

test('list capacities follow list_resize and list_preallocate_exact for 0..300 items', () => {
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const counts = Array.from({ length: 301 }, (_, n) => n);
  const truth = runPythonJson<{ appended: number[]; preallocated: number[]; repeated: number[] }>(SIZES, counts);
  assert.deepEqual(
    counts.map((n) => listSize(layout, capacityAfterAppends(layout, n))),
    truth.appended,
  );
  assert.deepEqual(
    counts.map((n) => listSize(layout, preallocatedCapacity(layout, n))),
    truth.preallocated,
  );
  assert.deepEqual(
    counts.map((n) => listSize(layout, n)),
    truth.repeated,
  );
});
