// The unboxed forms the hover offers for a list of numbers (array.array and
// numpy): each form's code runs under python3, must hold the same numbers as
// the list, and must cost what the estimate says. Lists that get no form are
// in compactForms.test.ts.
import assert from 'node:assert/strict';
import { before, describe, it, test } from 'node:test';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import type { Estimate } from '../../server/src/estimates/estimate';
import { runPythonJson } from '../support/python';
import { estimateOf, estimateProgram, programOf, type SizeCase } from '../support/sizes';

/** `repeats`: a repetition, whose list shares one object per display item, so the forms need not be smaller. */
const WITH_FORMS: readonly (SizeCase & { repeats?: boolean })[] = [
  { expression: '[0] * 1000', repeats: true },
  { expression: '[1.5] * 100', repeats: true },
  { expression: '[7] * 10**5', repeats: true },
  { expression: '[1, 2] * 500', repeats: true },
  { expression: '[0.5, 1] * 50', repeats: true },
  { setup: 'n = 2000', expression: '[-3] * n', repeats: true },
  { expression: 'list(range(1000))' },
  { expression: 'list(range(5, 10**5, 3))' },
  { expression: '[x * x for x in range(1000)]' },
  { expression: '[x / 2 for x in range(1000)]' },
  { expression: '[x for x in range(300, 2000)]' },
  { expression: '[0 for _ in range(500)]' },
  { expression: '[x * 2 for x in range(10**6)]' },
  { expression: '[i * j for i in range(30) for j in range(30)]' },
  { expression: '[x for x in range(1000) if x % 3]' },
  { expression: '[x + 2**62 for x in range(100)]' },
  { expression: '[x * 1.5 for x in range(20)]' },
  { expression: 'list(range(-500, 500, 7))' },
];

// Each form evaluated beside the list: its sys.getsizeof and whether it holds the same numbers.
const RUN_FORMS = String.raw`
import array, json, sys
import numpy as np
results = []
for case in json.load(sys.stdin):
    namespace = {"array": array, "np": np}
    exec(case["program"], namespace)
    value = namespace["value"]
    forms = []
    for code in case["forms"]:
        form = eval(code, namespace)
        items = form.tolist() if isinstance(form, np.ndarray) else list(form)
        forms.append({"size": sys.getsizeof(form), "same": items == value and all(type(a) is type(b) or isinstance(b, float) for a, b in zip(value, items))})
    results.append(forms)
print(json.dumps(results))
`;

describe('array and numpy forms of a list of numbers agree with python3', () => {
  const estimates: (Estimate | undefined)[] = [];
  let measured: readonly { size: number; same: boolean }[][] = [];

  before(async () => {
    const programs = WITH_FORMS.map(programOf);
    estimates.push(
      ...(await Promise.all(programs.map((program) => estimateProgram(program, CPYTHON[DEFAULT_PYTHON_VERSION])))),
    );
    measured = runPythonJson(
      RUN_FORMS,
      programs.map((program, index) => ({
        program,
        forms: (estimates[index]?.compactForms ?? []).map((form) => form.code),
      })),
    );
  });

  for (const [index, sizeCase] of WITH_FORMS.entries()) {
    it(`${sizeCase.setup ? `${sizeCase.setup}; ` : ''}${sizeCase.expression}`, () => {
      const forms = estimates[index]?.compactForms ?? [];
      assert.ok(
        forms.some((form) => form.code.startsWith('array.array(')),
        'an array.array form',
      );
      // numpy has no one-call form for repeating several numbers.
      if (!sizeCase.expression.startsWith('[1, 2]') && !sizeCase.expression.startsWith('[0.5, 1]'))
        assert.ok(
          forms.some((form) => form.code.startsWith('np.')),
          'a numpy form',
        );
      for (const [position, form] of forms.entries()) {
        const truth = measured[index]![position]!;
        assert.ok(truth.same, `${form.code} holds other numbers than the list`);
        assert.equal(form.size.perCount, undefined);
        assert.equal(form.size.bytes, truth.size, form.code);
        if (!sizeCase.repeats)
          assert.ok(form.size.bytes < estimates[index]!.deep!.bytes, 'offered only when cheaper than the list');
      }
    });
  }
});

test('a count known only by name gives forms that grow 8 B per number', async () => {
  const source = 'def f(n):\n    return [0] * n, list(range(n))\n';
  const sizes = runPythonJson<number[]>(
    'import array, json, sys\nimport numpy as np\nprint(json.dumps([sys.getsizeof(np.zeros(1000, dtype=np.int64)), sys.getsizeof(array.array("q", [0]) * 1000), sys.getsizeof(np.arange(1000))]))',
    null,
  );
  const repetition = (await estimateOf(source, '[0] * n'))?.compactForms ?? [];
  assert.deepEqual(
    repetition.map((form) => [form.code, form.size.bytes + 1000 * form.size.perCount!.bytes]),
    [
      ["array.array('q', [0]) * n", sizes[1]],
      ['np.zeros(n, dtype=np.int64)', sizes[0]],
    ],
  );
  const range = (await estimateOf(source, 'list(range(n))'))?.compactForms ?? [];
  const numpy = range.find((form) => form.code === 'np.arange(n)');
  assert.equal(numpy && numpy.size.bytes + 1000 * numpy.size.perCount!.bytes, sizes[2]);
});
