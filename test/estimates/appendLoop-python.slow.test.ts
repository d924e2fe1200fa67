// A list filled by `.append()` in a `for` loop over a range: the estimate at the
// append call against what each interpreter reports for the list after the loop
// (python3, and Debian's 3.9 and 3.13 where scripts/pythons/install.sh put them).
// What has no loop estimate is in appendLoop.test.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateSize } from '../../server/src/estimates/estimate';
import { cpythonLayout, PYTHON_VERSIONS } from '../../server/src/sizes/cpython';
import { runPythonJson } from '../support/python';
import { interpreterFor, python3Version } from '../support/pythons';
import { PYTHON_DEEP_SIZE } from '../support/sizes';
import { parsed } from '../support/tree';

interface AppendCase {
  readonly source: string;
  /** The append call whose estimate is checked. */
  readonly call: string;
  /** Whether the model knows the appended objects (deep size). */
  readonly deep: boolean;
}

const loop = (count: string, item: string, before = ''): string =>
  `xs = []\n${before}for i in range(${count}):\n    xs.append(${item})\n`;

const CASES: readonly AppendCase[] = [
  ...[0, 1, 4, 5, 9, 17, 100, 1000, 12345].map((n) => ({
    source: loop(String(n), 'i'),
    call: 'xs.append(i)',
    deep: true,
  })),
  { source: loop('5, 500, 3', 'i'), call: 'xs.append(i)', deep: true },
  { source: `n = 10**4\n${loop('n', 'None')}`, call: 'xs.append(None)', deep: true },
  { source: loop('300', '2.5'), call: 'xs.append(2.5)', deep: true },
  { source: loop('300', 'i * i'), call: 'xs.append(i * i)', deep: false },
  // A new object each pass, the same whatever the pass: counted once per pass.
  { source: loop('100', 'bytes(100_000)'), call: 'xs.append(bytes(100_000))', deep: true },
  { source: loop('1000', '[0] * 10'), call: 'xs.append([0] * 10)', deep: true },
  { source: loop('1000', 'bytearray(64)'), call: 'xs.append(bytearray(64))', deep: true },
  // One object made before the loop, appended every pass: counted once.
  { source: loop('1000', 'row', 'row = [1.5, 2.5]\n'), call: 'xs.append(row)', deep: true },
  // The item's size follows the pass: not known.
  { source: loop('100', 'bytes(i)'), call: 'xs.append(bytes(i))', deep: false },
  {
    source: loop('50', 'i', 'total = 0\n').replace('    xs.append(i)\n', '    total += i\n    xs.append(i)\n'),
    call: 'xs.append(i)',
    deep: true,
  },
];

const MEASURE = String.raw`
import json, sys
${PYTHON_DEEP_SIZE}
results = []
for source in json.load(sys.stdin):
    namespace = {}
    exec(source, namespace)
    results.append({"shallow": sys.getsizeof(namespace["xs"]), "deep": deep_size(namespace["xs"])})
print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "results": results}))
`;

// python3 stands for its own version; the other versions' interpreters where they are installed.
const others = PYTHON_VERSIONS.filter((version) => version !== python3Version()).map(interpreterFor);
const interpreters = ['python3', ...others.filter((python): python is string => python !== undefined)];

for (const python of interpreters) {
  describe(`append loops agree with ${python}`, () => {
    const truth = runPythonJson<{ version: string; results: { shallow: number; deep: number }[] }>(
      MEASURE,
      CASES.map((c) => c.source),
      python,
    );
    const layout = cpythonLayout(truth.version);
    for (const [index, appendCase] of CASES.entries()) {
      test(appendCase.source.replace(/\n/g, '; '), async () => {
        assert.ok(layout, `no table for ${truth.version}`);
        const source = await parsed(appendCase.source);
        try {
          const estimate = estimateSize(source.find('call', appendCase.call), { layout, facts: source.facts });
          assert.ok(estimate, 'no estimate');
          const measured = truth.results[index]!;
          assert.equal(estimate.shallow.bytes, measured.shallow, 'shallow');
          assert.equal(estimate.shallow.approximate, false);
          if (appendCase.deep) assert.equal(estimate.deep?.bytes, measured.deep, 'deep');
          else assert.equal(estimate.deep, undefined);
        } finally {
          source.tree.delete();
        }
      });
    }
  });
}
