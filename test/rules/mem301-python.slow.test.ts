// MEM301's finding holds the bytes its suggested `__slots__` saves on each
// instance kept. That saving is checked here against python3: the class as
// written, and the class with exactly the suggested `__slots__` (or
// `slots=True`) applied, which must still construct without error. The
// rest of MEM301's tests, which run no Python, are in mem301.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../server/src/rules/types';
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
    : [...message.matchAll(/`(\([^`]*\))` (?:here|in `(\w+)`)/g)].map(([, tuple, owner]) => [
        tuple!,
        owner ?? reported,
      ]);
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
    source:
      'class Point:\n    def __init__(self, x, y, z):\n        self.x = x\n        self.y = y\n        self.z = z\n\npoints = [Point(i, i, i) for i in range(100)]\n',
    make: 'Point(1, 2, 3)',
  },
  { source: 'class Empty:\n    pass\n\nmarks = [Empty() for _ in range(100)]\n', make: 'Empty()' },
  {
    source:
      'from dataclasses import dataclass\n\n@dataclass\nclass Record:\n    name: str\n    size: int = 0\n\nrecords = []\nfor i in range(100):\n    records.append(Record("a", i))\n',
    make: 'Record("a", 1)',
  },
  {
    source:
      'import dataclasses\n\n@dataclasses.dataclass(frozen=True)\nclass Key:\n    a: int\n    b: int\n    c: int\n    d: int\n\nkeys = {Key(i, i, i, i) for i in range(100)}\n',
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
    const finding = (await mem301(source)).find(
      (candidate) => source.slice(candidate.start, candidate.end) === className,
    );
    assert.ok(finding?.holds, `no MEM301 finding holding bytes for ${className}`);
    assert.equal(finding.holds.perCount, undefined, `${PASSES} passes: ${finding.message}`);
    claimed.push(finding.holds.bytes / PASSES);
    measuredCases.push({ source, make }, { source: withSuggestion(source, className, finding.message), make });
  }
  const measured = measureInstances(measuredCases);
  const saved = claimed.map((_, index) => measured[2 * index]! - measured[2 * index + 1]!);
  assert.deepEqual(saved, claimed);
});
