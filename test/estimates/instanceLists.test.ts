// Deep sizes of lists of instances of classes defined in the program: what is
// left unknown, and how the hover counts them (instanceLists-python.slow.test.ts
// checks the sizes against what python3 allocates).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateOf } from '../support/sizes';

const CLASSES = String.raw`
from dataclasses import dataclass

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

class SlottedPoint:
    __slots__ = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y

@dataclass
class Pair:
    a: int
    b: float = 0.5

@dataclass(slots=True)
class SlottedPair:
    a: int
    b: float = 0.5

class Tagged:
    def __init__(self, value, label='item'):
        self.value = value
        self.label = label
        self.count = 0

class Wide:
    def __init__(self, a, b, c, d, e):
        self.a = a
        self.b = b
        self.c = c
        self.d = d
        self.e = e

# The first few dozen instances of a class take more: the figures are for a class past them.
_warm = [C(*([None] * n)) for C, n in ((Point, 2), (SlottedPoint, 2), (Pair, 1), (SlottedPair, 1), (Tagged, 1), (Wide, 5)) for _ in range(100)]
`;

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
