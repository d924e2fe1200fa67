// MEM301's finding holds the bytes its suggested `__slots__` saves on each
// instance kept, and counts the instances kept. The saving is checked against
// python3 in mem301-python.slow.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/rules/types';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../../server/src/sizes/instances';
import { findingsIn } from '../support/analyze';

async function mem301(source: string): Promise<Finding[]> {
  return (await findingsIn(source)).filter((finding) => finding.code === 'MEM301');
}

test('MEM301 leaves out the bytes for classes with too many attributes to model', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `a${i}`);
  const source = `class Wide:\n    def __init__(self):\n${names.map((name) => `        self.${name} = 0\n`).join('')}\nrows = [Wide() for _ in range(100)]\n`;
  const [finding] = await mem301(source);
  assert.ok(finding);
  assert.equal(finding.holds, undefined);
  assert.doesNotMatch(finding.message, /\d B/);
  assert.match(finding.message, /30 attributes/);
});

/**
 * A one-attribute class, then code that keeps its instances in one more way.
 * Each in a source of its own rather than in the fixture: every class MEM301
 * flags reads the whole file, so each one there is analysed again on every
 * edit of the fixture (test/engine/incremental.test.ts edits them all).
 */
const ONE = 'class C:\n    def __init__(self, value):\n        self.value = value\n\n\n';

const KEPT: ReadonlyArray<{ readonly why: string; readonly code: string; readonly count: string }> = [
  {
    why: 'stored under a key, one per row of a file',
    code: 'def read(path):\n    import csv\n    table = {}\n    for row in csv.reader(open(path)):\n        table[row[0]] = C(row[1])\n    return table\n',
    count: 'passes of `csv.reader(open(path))`',
  },
  {
    why: 'returned by a function that a comprehension calls',
    code: 'def parse(line):\n    return C(line)\n\n\ndef parse_all(lines):\n    return [parse(line) for line in lines]\n',
    count: 'len(lines)',
  },
  {
    why: 'bound to a name, then appended with its index in a tuple',
    code: 'def named(values):\n    kept = []\n    for i, value in enumerate(values):\n        item = C(value)\n        kept.append((i, item))\n    return kept\n',
    count: 'len(values)',
  },
  {
    why: 'a generator whose items list.extend keeps, in nested loops',
    code: 'def extended(rows):\n    out = []\n    for row in rows:\n        out.extend(C(v) for v in row)\n    return out\n',
    count: 'len(row)·len(rows)',
  },
  {
    why: '`+=` with a one-item list adds each instance to the same list',
    code: 'def added(values):\n    rows = []\n    for value in values:\n        rows += [C(value)]\n    return rows\n',
    count: 'len(values)',
  },
  {
    why: 'kept in an attribute list of the object whose method makes them',
    code: 'class Holder:\n    def __init__(self):\n        self.items = []\n\n    def fill(self, values):\n        for value in values:\n            self.items.append(C(value))\n',
    count: 'len(values)',
  },
];

test('MEM301 follows each way an instance is kept, and counts the passes that keep one', async () => {
  // What mem301-python.slow.test.ts measures per instance, from the model the finding uses.
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const bytes = dictInstanceSize(layout, 1)! - slottedInstanceSize(layout, 1);
  for (const { why, code, count } of KEPT) {
    const findings = await mem301(`${ONE}${code}`);
    assert.deepEqual(
      findings.map((finding) => finding.holds?.perCount),
      [{ bytes, count }],
      why,
    );
  }
});
