// Deep sizes of lists of instances of classes defined in the program, against
// what python3 allocates for them (tracemalloc, which sees the value arrays
// sys.getsizeof leaves out) plus the shared objects they point at (small
// ints, constants) that were there before. What is left unknown is in
// instanceLists.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/estimates/estimate';
import { runPythonJson } from '../support/python';
import { estimateProgram } from '../support/sizes';
import { CLASSES } from './instanceLists.cases';

const EXPRESSIONS = [
  '[Point(i, i) for i in range(1000)]',
  '[Point(i, i * 2) for i in range(1000)]',
  '[Point(x=i, y=None) for i in range(300, 800)]',
  '[SlottedPoint(i, i) for i in range(1000)]',
  '[SlottedPoint(i / 4, -i) for i in range(1000)]',
  '[Pair(i) for i in range(500)]',
  '[Pair(i, i / 2) for i in range(500)]',
  '[SlottedPair(b=1.5, a=i) for i in range(300)]',
  '[Tagged(i) for i in range(400)]',
  "[Tagged(i * 1000, 'x') for i in range(400)]",
  '[Wide(i, i, i, i, i) for i in range(200)]',
  '[Point([0] * 3, i) for i in range(100)]',
  '[Point(i, j) for i in range(30) for j in range(30) if i != j]',
  '[Point(i, i) for i in range(200_000)]',
];

// An id() walk like the oracle's, into instances too: sys.getsizeof of every object reached, plus for an
// instance without __slots__ the array its attribute values live in, which sys.getsizeof leaves out and
// tracemalloc sees (measured per class once it has made many instances, as in instances.test.ts).
const MEASURE = String.raw`
import json, sys, tracemalloc
source, expressions = json.load(sys.stdin)
namespace = {}
exec(source, namespace)
values_bytes = {}
classes = {value for value in namespace.values() if isinstance(value, type)}

def value_array(cls, names, count=2000):
    def make():
        instance = cls.__new__(cls)
        for name in names:
            setattr(instance, name, None)
        return instance
    for _ in range(100):
        make()
    holder = [None] * count
    tracemalloc.start()
    for i in range(count):
        holder[i] = make()
    used = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return round(used / count) - sys.getsizeof(holder[0])

def deep_size(root):
    seen, stack, total = set(), [root], 0
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, (list, tuple)):
            stack.extend(obj)
        elif type(obj) in classes:
            slots = getattr(type(obj), "__slots__", None)
            if slots is not None:
                stack.extend(getattr(obj, name) for name in slots)
            else:
                attributes = vars(obj)
                if type(obj) not in values_bytes:
                    values_bytes[type(obj)] = value_array(type(obj), list(attributes))
                total += values_bytes[type(obj)]
                stack.extend(attributes.values())
    return total

print(json.dumps([deep_size(eval(expression, namespace)) for expression in expressions]))
`;

describe('lists of instances agree with what python3 allocates', () => {
  const estimates: (Estimate | undefined)[] = [];
  let measured: readonly number[] = [];

  before(async () => {
    const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
    estimates.push(
      ...(await Promise.all(
        EXPRESSIONS.map((expression) => estimateProgram(`${CLASSES}\nvalue = ${expression}\n`, layout)),
      )),
    );
    measured = runPythonJson<number[]>(MEASURE, [CLASSES, EXPRESSIONS]);
  });

  for (const [index, expression] of EXPRESSIONS.entries()) {
    it(expression, () => {
      const deep = estimates[index]?.deep;
      assert.ok(deep, 'no deep size');
      assert.equal(deep.perCount, undefined);
      const sampled = expression.includes('200_000');
      if (sampled)
        assert.ok(
          Math.abs(deep.bytes - measured[index]!) / measured[index]! < 0.01,
          `estimated ${deep.bytes}, python3 ${measured[index]}`,
        );
      else assert.equal(deep.bytes, measured[index], expression);
      // Without slots the first instances of a class take more, so the figure is marked approximate.
      assert.equal(deep.approximate, sampled || !/Slotted/.test(expression), 'approximate');
    });
  }
});
