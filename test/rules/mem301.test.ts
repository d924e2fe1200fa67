// MEM301's finding holds the bytes its suggested `__slots__` saves on each
// instance kept. That saving is checked against python3: the class as
// written, and the class with exactly the suggested `__slots__` (or
// `slots=True`) applied, which must still construct without error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/rules/types';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../../server/src/sizes/instances';
import { findingsIn } from '../support/analyze';
import { measureInstances } from '../support/instances';

async function mem301(source: string): Promise<Finding[]> {
  return (await findingsIn(source)).filter((finding) => finding.code === 'MEM301');
}

/** The source with the message's suggestion applied to the class reported and the bases it names. */
function withSuggestion(source: string, reported: string, message: string): string {
  let lines = source.split('\n');
  const classLine = (name: string) => lines.findIndex((line) => new RegExp(`^\\s*class ${name}\\b.*:\\s*$`).test(line));
  if (message.includes('use `@dataclass(slots=True)`')) {
    const decorator = classLine(reported) - 1;
    const text = lines[decorator]!;
    lines[decorator] = text.endsWith(')') ? text.replace('(', '(slots=True, ') : `${text}(slots=True)`;
    return lines.join('\n');
  }
  // `__slots__ = ("x", "y")`, or `__slots__`: `("b",)` here, `("a",)` in `Base`.
  const single = /add `__slots__ = (\([^`]*\))`/.exec(message);
  const suggestions: Array<[string, string]> = single
    ? [[single[1]!, reported]]
    : [...message.matchAll(/`(\([^`]*\))` (?:here|in `(\w+)`)/g)].map(([, tuple, owner]) => [tuple!, owner ?? reported]);
  assert.ok(suggestions.length > 0, message);
  for (const [tuple, owner] of suggestions) {
    const at = classLine(owner);
    const indent = /^\s*/.exec(lines[at]!)![0];
    lines = [...lines.slice(0, at + 1), `${indent}    __slots__ = ${tuple}`, ...lines.slice(at + 1)];
  }
  return lines.join('\n');
}

/** Each case keeps one instance per pass of `range(100)`. */
const PASSES = 100;

const CASES: ReadonlyArray<{ readonly source: string; readonly make: string }> = [
  {
    source: 'class Point:\n    def __init__(self, x, y, z):\n        self.x = x\n        self.y = y\n        self.z = z\n\npoints = [Point(i, i, i) for i in range(100)]\n',
    make: 'Point(1, 2, 3)',
  },
  { source: 'class Empty:\n    pass\n\nmarks = [Empty() for _ in range(100)]\n', make: 'Empty()' },
  {
    source: 'from dataclasses import dataclass\n\n@dataclass\nclass Record:\n    name: str\n    size: int = 0\n\nrecords = []\nfor i in range(100):\n    records.append(Record("a", i))\n',
    make: 'Record("a", 1)',
  },
  {
    source: 'import dataclasses\n\n@dataclasses.dataclass(frozen=True)\nclass Key:\n    a: int\n    b: int\n    c: int\n    d: int\n\nkeys = {Key(i, i, i, i) for i in range(100)}\n',
    make: 'Key(1, 2, 3, 4)',
  },
  {
    source: [
      'class Base:',
      '    def __init__(self, ident):',
      '        self.ident = ident',
      '',
      'class Derived(Base):',
      '    def __init__(self, ident, a, b, c, d, e):',
      '        super().__init__(ident)',
      '        self.a, self.b, self.c = a, b, c',
      '        self.d = self.e = None',
      '',
      'kept = {}',
      'for i in range(100):',
      '    kept[i] = Derived(1, 2, 3, 4, 5, 6)',
      '',
    ].join('\n'),
    make: 'Derived(1, 2, 3, 4, 5, 6)',
  },
];

test('MEM301 holds the bytes python3 counts as saved per instance kept, with its suggestion applied', async () => {
  const measuredCases: Array<{ source: string; make: string }> = [];
  const claimed: number[] = [];
  for (const { source, make } of CASES) {
    const className = make.slice(0, make.indexOf('('));
    const finding = (await mem301(source)).find((candidate) => source.slice(candidate.start, candidate.end) === className);
    assert.ok(finding?.holds, `no MEM301 finding holding bytes for ${className}`);
    assert.equal(finding.holds.perCount, undefined, `${PASSES} passes: ${finding.message}`);
    claimed.push(finding.holds.bytes / PASSES);
    measuredCases.push({ source, make }, { source: withSuggestion(source, className, finding.message), make });
  }
  const measured = measureInstances(measuredCases);
  const saved = claimed.map((_, index) => measured[2 * index]! - measured[2 * index + 1]!);
  assert.deepEqual(saved, claimed);
});

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
  // What the first test measures per instance, from the model the finding uses.
  const layout = CPYTHON[DEFAULT_PYTHON_VERSION];
  const bytes = dictInstanceSize(layout, 1)! - slottedInstanceSize(layout, 1);
  for (const { why, code, count } of KEPT) {
    const findings = await mem301(`${ONE}${code}`);
    assert.deepEqual(findings.map((finding) => finding.holds?.perCount), [{ bytes, count }], why);
  }
});
