// Deep sizes of lists of instances of classes defined in the program: what is
// left unknown, and how the hover counts them (instanceLists-python.slow.test.ts
// checks the sizes against what python3 allocates).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateOf } from '../support/sizes';
import { CLASSES } from './instanceLists.cases';

test('instances whose attributes cannot be told leave the deep size unknown', async () => {
  const source = `${CLASSES}
def f(v):
    return v
class Later:
    def __init__(self, x):
        self.x = x
    def grow(self):
        self.y = 1
class Computed:
    def __init__(self, x):
        self.x = x * 2
class Fresh:
    def __init__(self):
        self.items = []
`;
  for (const expression of [
    '[Point(f(i), i) for i in range(10)]',
    '[Later(i) for i in range(10)]',
    '[Computed(i) for i in range(10)]',
    '[Fresh() for i in range(10)]',
    '[Point(*xs) for i in range(10)]',
    '[Point(i) for i in range(10)]',
  ]) {
    const estimate = await estimateOf(`${source}value = ${expression}\n`, expression);
    assert.ok(estimate, expression);
    assert.equal(estimate.deep, undefined, expression);
  }
});

test('the hover counts the instances by class', async () => {
  const estimate = await estimateOf(
    `${CLASSES}\nvalue = [SlottedPoint(i, i) for i in range(1000)]\n`,
    '[SlottedPoint(i, i) for i in range(1000)]',
  );
  assert.ok(
    estimate?.deepParts.some((part) => part.label === 'for 1,000 SlottedPoint objects'),
    JSON.stringify(estimate?.deepParts),
  );
});
