// MEM101's holds checked against python3's sys.getsizeof (this file runs python3;
// the in-process MEM1xx tests are in mem1xx.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingsIn } from '../support/analyze';
import { runPythonJson } from '../support/python';

test('MEM101 over an iterable of known length holds bytes, as sys.getsizeof gives them, not 8·n B', async () => {
  // Each comprehension's items are unknown to the size model (`g(x)`, names): only its count is known.
  const cases = [
    ['', '[x for x in (a, b, c)]'],
    ['', '[g(x) for x in [a, b, c, a, b]]'],
    ['sizes = [1, 2, 3]\n', '[g(x) for x in sizes]'],
    ['names = ("a", "b", "c", "d", "e", "f", "g", "h", "i")\n', '[g(i, x) for i, x in enumerate(names)]'],
    ['', '[g(x) for x in "abcdefghijklmnopqrstu"]'],
    ['', '[g(x) for x in range(0, 10**3, 100)]'],
  ];
  const measure = [
    'import json, sys',
    'sizes = []',
    'for bindings, comprehension in json.load(sys.stdin):',
    '    names = {"a": 1.5, "b": "b", "c": None, "g": lambda *xs: object()}',
    '    exec(bindings, names)',
    '    sizes.append(sys.getsizeof(eval(comprehension, names)))',
    'print(json.dumps(sizes))',
  ].join('\n');
  const sizes = runPythonJson<number[]>(measure, cases);
  for (const [index, [bindings, comprehension]] of cases.entries()) {
    const source = `def f(a, b, c, g):\n    ${bindings.replace(/\n(?=.)/g, '\n    ')}${bindings ? '    ' : ''}return sorted(${comprehension})\n`;
    const [finding] = (await findingsIn(source)).filter((f) => f.code === 'MEM101');
    assert.ok(finding, source);
    assert.equal(finding.holds?.perCount, undefined, `${comprehension}: ${finding.message}`);
    assert.equal(finding.holds?.bytes, sizes[index], `${comprehension}: ${finding.message}`);
    assert.match(finding.message, new RegExp(`^Saves only the list's (≈ )?${sizes[index]} B: `), comprehension);
  }
});
