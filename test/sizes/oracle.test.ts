// The size model against the real interpreter: every estimate here is
// compared with sys.getsizeof (shallow) and an id()-deduplicating walk (deep)
// that python3 computes at test time, in one python3 process for the file.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CPYTHON, cpythonLayout, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/sizes/estimate';
import type { Size } from '../../server/src/sizes/size';
import { estimateProgram, measureInPython, programOf, type Measurement, type SizeCase } from '../support/sizes';

const GENERATOR_SETUP = [
  'xs = [1, 2, 3]',
  'd = {1: 2, 2: 3, 3: 4}',
  'def f(*args, **kwargs):',
  '    return 1',
  'class O:',
  '    def m(self, *args):',
  '        return 1',
  'o = O()',
].join('\n');

const CASES: readonly SizeCase[] = [
  // ints: header + 30-bit digits; zero still reports one digit; -5..256 are shared
  { expression: '0' },
  { expression: '1' },
  { expression: '-5' },
  { expression: '256' },
  { expression: '257' },
  { expression: '-6' },
  { expression: '1000' },
  { expression: '2**30 - 1' },
  { expression: '2**30' },
  { expression: '-2**30' },
  { expression: '2**60' },
  { expression: '-2**40' },
  { expression: '10**6' },
  { expression: '10**100' },
  { expression: '1_000_000' },
  { expression: '0xff' },
  { expression: '0o777' },
  { expression: '0b1010' },
  { expression: '2 * 500' },
  { expression: '-7 // 2' },
  { expression: '-7 % 3' },
  { expression: '1 << 100' },
  // floats and complex
  { expression: '1.5' },
  { expression: '1e300' },
  { expression: '1_000.5' },
  { expression: '3 / 2' },
  { expression: '2 ** -1' },
  { expression: '1j' },
  // str by kind: ASCII, latin-1, UCS-2, UCS-4, with prefixes and escapes
  { expression: "''" },
  { expression: "'a'" },
  { expression: "'hello'" },
  { expression: "'héllo'" },
  { expression: "'Ā'" },
  { expression: "'日本語'" },
  { expression: "'😀'" },
  { expression: "'a😀'" },
  { expression: "r'\\d+\\n'" },
  { expression: "u'text'" },
  { expression: "R'\\x41'" },
  { expression: "'tab\\there'" },
  { expression: "'\\x41\\u00e9'" },
  { expression: "'\\u0100'" },
  { expression: "'\\U0001F600'" },
  { expression: "'\\101\\0'" },
  { expression: "'line\\\nnext'" },
  { expression: "'''two\nlines'''" },
  { expression: "'ab' * 3" },
  { expression: "'ab' 'cd'" },
  { expression: "'x' * 5000" },
  { expression: "'é' * 100" },
  // bytes
  { expression: "b''" },
  { expression: "b'a'" },
  { expression: "b'abc'" },
  { expression: "b'\\x00\\xff'" },
  { expression: "rb'\\n'" },
  { expression: "Br'\\x00'" },
  { expression: "b'ab' * 100" },
  // tuples
  { expression: '()' },
  { expression: '(1, 2, 3)' },
  { expression: '(1000, 1000)' },
  { expression: "('a', ('b', 2.5))" },
  { setup: 'n = 1000', expression: '(n, n + 1)' },
  // list displays: BUILD_LIST is exact, 3+ constants extend from a tuple (even capacity), 31+ items append
  { expression: '[]' },
  { expression: '[1]' },
  { expression: '[1, 2]' },
  { expression: '[1, 2, 3]' },
  { expression: '[1, 2, 3, 4]' },
  { expression: '[1, 2, 3, 4, 5]' },
  { expression: '[-1, 2, 3]' },
  { expression: "['a', 'b', 'c']" },
  { expression: '[1.5, 2.5, 3.5]' },
  { expression: '[(1, 2), 3, 4]' },
  { expression: '[[1], 2, 3]' },
  { expression: '[[1, 2], [3, 4]]' },
  { expression: '[2**100, 2, 3]' },
  { expression: '[1000, 1000, 1000]' },
  { expression: "[None, True, 'a']" },
  { expression: `[${Array.from({ length: 31 }, (_, i) => i).join(', ')}]` },
  { setup: 'x = 1', expression: '[x, x, x]' },
  { setup: 'x = 1', expression: `[${Array(30).fill('x').join(', ')}]` },
  { setup: 'x = 1', expression: `[${Array(31).fill('x').join(', ')}]` },
  { setup: 'x = 1000', expression: `[${Array(40).fill('x').join(', ')}]` },
  { setup: 'row = [0] * 10', expression: '[row, row, row]' },
  // repetition: exactly len * n slots, the items shared
  { expression: '[0] * 1000' },
  { expression: '[None] * 10' },
  { expression: '1000 * [0]' },
  { expression: '[1, 2] * 3' },
  { expression: '[0] * 0' },
  { expression: '[0] * -3' },
  { expression: '[0.0] * 100' },
  { expression: '[1000] * 10' },
  { expression: "['x'] * 5" },
  { expression: '[[0] * 3] * 4' },
  { expression: '[0] * (10 ** 6)' },
  { setup: 'n = 1000', expression: '[0] * n' },
  { setup: 'a = b = 5', expression: '[a] * b' },
  // list(...) and range
  { expression: 'list()' },
  { expression: 'list(range(0))' },
  { expression: 'list(range(1))' },
  { expression: 'list(range(10))' },
  { expression: 'list(range(5, 50, 3))' },
  { expression: 'list(range(10, 0, -1))' },
  { expression: 'list(range(-300, 300))' },
  { expression: 'list(range(2**30 - 5, 2**30 + 5))' },
  { expression: 'list(range(10**5))' },
  { expression: 'list((1, 2, 3))' },
  { expression: 'list([1, 2, 3, 4, 5])' },
  { setup: 'N = 10**3', expression: 'list(range(N))' },
  { expression: 'range(10)' },
  { expression: 'range(10**9)' },
  // comprehensions: capacity from append growth; items counted by running the loops
  { expression: '[x for x in range(0)]' },
  { expression: '[x for x in range(1)]' },
  { expression: '[x for x in range(5)]' },
  { expression: '[x for x in range(9)]' },
  { expression: '[x for x in range(17)]' },
  { expression: '[x for x in range(1000)]' },
  { expression: '[x * x for x in range(1000)]' },
  { expression: '[x % 10 for x in range(1000)]' },
  { expression: '[0 for _ in range(100)]' },
  { expression: '[1000 for _ in range(100)]' },
  { expression: '[x / 2 for x in range(100)]' },
  { expression: '[x for x in range(100) if x % 3 == 0]' },
  { expression: '[i * j for i in range(10) for j in range(10)]' },
  { expression: '[i + j for i in range(20) for j in range(i)]' },
  { expression: '[[0] * 3 for _ in range(5)]' },
  { expression: '[x > 5 for x in range(10)]' },
  { expression: '[x + 2**40 for x in range(100)]' },
  { expression: "['ab' for _ in range(10)]" },
  { expression: '[-x for x in range(300)]' },
  { expression: '[x * 2 for x in range(10**6)]' },
  { setup: 'n = 10**6', expression: '[n for _ in range(10)]' },
  { setup: 'n = 500', expression: '[x for x in range(n)]' },
  { setup: 'size: int = 20', expression: '[x * 1.5 for x in range(size)]' },
  // bools and None: shared singletons
  { expression: 'True' },
  { expression: 'False' },
  { expression: 'None' },
  { expression: '(True, None, False)' },
  { expression: '2j' },
  // tuples made by calls: exactly one slot per item
  { expression: 'tuple()' },
  { expression: 'tuple(range(10))' },
  { expression: 'tuple(range(1000))' },
  { expression: 'tuple(range(-10, 300, 7))' },
  { expression: 'tuple([1, 2, 3])' },
  { expression: "tuple(['a', 2.5, 1000])" },
  // dict displays: presized key tables, smaller entries when every key is a str
  { expression: '{}' },
  { expression: 'dict()' },
  { expression: "{'a': 1}" },
  { expression: '{1: 1}' },
  { expression: "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}" },
  { expression: "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}" },
  { expression: '{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}' },
  { expression: "{'a': 1, 1: 'a'}" },
  { expression: '{1: 1, 1.0: 2, True: 3}' },
  { expression: "{'k': [1, 2], 'v': (3, 4)}" },
  { expression: `{${Array.from({ length: 11 }, (_, i) => `'k${i}': ${i * 1000}`).join(', ')}}` },
  { expression: `{${Array.from({ length: 16 }, (_, i) => `${i}: None`).join(', ')}}` },
  { expression: `{${Array.from({ length: 17 }, (_, i) => `'s${i}': 'v'`).join(', ')}}` },
  { expression: "{'a': 1, 'b': 2, 3: 'c'}" },
  { expression: "{'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 7: 'g'}" },
  { expression: "{'a' * i: i for i in range(1, 40)}" },
  { expression: "{('k' if i < 8 else i): i for i in range(20)}" },
  { setup: 'x = 1000', expression: "{'a': x, 'b': x}" },
  // dict comprehensions and dict.fromkeys: the key table grows as keys are inserted
  { expression: '{i: i for i in range(0)}' },
  { expression: '{i: i for i in range(5)}' },
  { expression: '{i: i for i in range(6)}' },
  { expression: '{i: i * i for i in range(100)}' },
  { expression: '{i: None for i in range(1000)}' },
  { expression: '{i % 10: i for i in range(100)}' },
  { expression: '{i: i for i in range(300, 1300)}' },
  { expression: '{i: [0] * 3 for i in range(10)}' },
  { expression: "{i: 'x' for i in range(20) if i % 3}" },
  { expression: '{(i, j): i + j for i in range(10) for j in range(10)}' },
  { expression: 'dict.fromkeys(range(10))' },
  { expression: 'dict.fromkeys(range(1000), 0)' },
  { expression: 'dict.fromkeys(range(22))' },
  { expression: 'dict.fromkeys(range(100000), 1.5)' },
  // sets and frozensets: 8 slots inside the object, then a table beside it
  { expression: 'set()' },
  { expression: 'frozenset()' },
  { expression: '{1}' },
  { expression: '{1, 2}' },
  { expression: '{1, 2, 3}' },
  { expression: '{1, 2, 3, 4, 5}' },
  { expression: "{'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'}" },
  { expression: '{1, 1, 1, 2}' },
  { expression: '{1000, 2000, 3000}' },
  { setup: 'x = 7', expression: '{x, 8}' },
  { setup: 'x = 7', expression: '{x, 8, 9, 10, 11}' },
  { expression: 'set(range(4))' },
  { expression: 'set(range(5))' },
  { expression: 'set(range(100))' },
  { expression: 'set(range(10**5))' },
  { expression: 'frozenset(range(1000))' },
  { expression: '{x for x in range(5)}' },
  { expression: '{x % 7 for x in range(1000)}' },
  { expression: '{x * 1000 for x in range(50)}' },
  { expression: '{x / 2 for x in range(20)}' },
  // bytearray
  { expression: 'bytearray()' },
  { expression: 'bytearray(0)' },
  { expression: 'bytearray(10)' },
  { expression: 'bytearray(10**6)' },
  { expression: "bytearray(b'abc')" },
  // array.array: unboxed numbers; from a range it grows item by item
  { setup: 'import array', expression: "array.array('q')" },
  { setup: 'import array', expression: "array.array('q', range(10))" },
  { setup: 'import array', expression: "array.array('q', range(10**5))" },
  { setup: 'import array', expression: "array.array('d', [1.5, 2.5, 3.5])" },
  { setup: 'import array', expression: "array.array('b', range(100))" },
  { setup: 'from array import array', expression: "array('i', (1, 2, 3))" },
  // numpy arrays own their data: object + shape and strides + itemsize × size
  { setup: 'import numpy as np', expression: 'np.zeros(10)' },
  { setup: 'import numpy as np', expression: 'np.zeros((1000, 1000))' },
  { setup: 'import numpy as np', expression: 'np.zeros(0)' },
  { setup: 'import numpy as np', expression: 'np.ones((3, 4, 5), dtype=np.int8)' },
  { setup: 'import numpy as np', expression: "np.empty(100, dtype='float32')" },
  { setup: 'import numpy as np', expression: "np.zeros(10, 'i4')" },
  { setup: 'import numpy as np', expression: 'np.zeros([2, 3], dtype=complex)' },
  { setup: 'import numpy as np', expression: 'np.arange(10)' },
  { setup: 'import numpy as np', expression: 'np.arange(10**6)' },
  { setup: 'import numpy as np', expression: 'np.arange(0, 1, 0.1)' },
  { setup: 'import numpy as np', expression: 'np.arange(5, 100, 3, dtype=np.int16)' },
  { setup: 'import numpy', expression: 'numpy.ones(7, dtype=bool)' },
  { setup: 'from numpy import zeros, float32', expression: 'zeros((4, 4), float32)' },
  // nested containers share objects: each counted once
  { setup: 'row = (1000, 2000)', expression: '[row, row, {1: row}]' },
  { expression: "[{'a': 1}, {'a': 1}]" },
  { expression: '({1, 2, 3}, frozenset(range(3)))' },
  { expression: "[('x', 'x'), 'x']" },
  // generator expressions: the frame is part of the object
  { expression: '(x for x in range(10))' },
  { expression: '(x * x + 1 for x in range(10))' },
  { expression: '(x for x in range(10) if x % 2)' },
  { expression: '(i + j for i in range(3) for j in range(3))' },
  { setup: 'def f(v):\n    return v', expression: '(f(x) for x in range(10))' },
  { setup: 'import math', expression: '(math.sqrt(x) + 1 for x in range(10))' },
  { setup: GENERATOR_SETUP, expression: '(o.m(x, 1, 2) for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '(f(x, f(x, x), key=1) for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '(xs[x % 3] + d[x] * 2 for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '(x if x > 1 else -x for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '((x, x + 1, [x]) for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '(x * (x + (x * (x + 1))) for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '(a + b for a, b in [(1, 2)])' },
  { setup: GENERATOR_SETUP, expression: '(x for x in xs for y in xs if x > y)' },
  { setup: GENERATOR_SETUP, expression: '(1 < x < 3 for x in xs)' },
  { setup: GENERATOR_SETUP, expression: '(f(*xs) for x in xs)' },
];

/** Equal for exact figures, within 5% for approximate ones. */
function assertSize(actual: Size, expected: number, what: string): void {
  assert.equal(actual.perCount, undefined, `${what}: expected a plain number of bytes`);
  if (actual.approximate) {
    const error = Math.abs(actual.bytes - expected) / expected;
    assert.ok(error <= 0.05, `${what}: estimated ${actual.bytes}, python3 says ${expected} (${(error * 100).toFixed(1)}% off)`);
  } else {
    assert.equal(actual.bytes, expected, `${what}: estimated ${actual.bytes}, python3 says ${expected}`);
  }
}

describe('size estimates agree with python3', () => {
  const estimates: (Estimate | undefined)[] = [];
  let measured: readonly Measurement[] = [];

  before(async () => {
    const programs = CASES.map(programOf);
    // The alternative's code does not depend on the version; the sizes do.
    const first = await Promise.all(programs.map((program) => estimateProgram(program, CPYTHON[DEFAULT_PYTHON_VERSION])));
    const measurements = measureInPython(programs.map((program, index) => ({ program, ...(first[index]?.alternative ? { alternative: first[index]!.alternative!.code } : {}) })));
    const layout = cpythonLayout(measurements.version);
    if (!layout || measurements.pointerSize !== layout.pointer) {
      throw new Error(`python3 is ${measurements.version} with ${measurements.pointerSize}-byte pointers; the size model has no table for it`);
    }
    estimates.push(...(layout === CPYTHON[DEFAULT_PYTHON_VERSION] ? first : await Promise.all(programs.map((program) => estimateProgram(program, layout)))));
    measured = measurements.results;
  });

  for (const [index, sizeCase] of CASES.entries()) {
    const name = sizeCase.setup ? `${sizeCase.setup.replace(/\n/g, '; ')}; ${sizeCase.expression}` : sizeCase.expression;
    it(name.length > 100 ? `${name.slice(0, 97)}...` : name, () => {
      const estimate = estimates[index];
      const truth = measured[index]!;
      assert.equal(truth.error, undefined, `python3 could not run the case: ${truth.error}`);
      assert.ok(estimate, 'no estimate');
      assertSize(estimate.shallow, truth.shallow!, 'shallow');
      assert.ok(estimate.deep, 'no deep estimate');
      assertSize(estimate.deep, truth.deep!, 'deep');
      if (estimate.alternative) assertSize(estimate.alternative.size, truth.alternative!, `alternative ${estimate.alternative.code}`);
    });
  }
});
