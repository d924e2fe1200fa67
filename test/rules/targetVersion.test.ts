// Rules are told the Python version the code targets: MEM201 leaves alone the
// str that versions before 3.11 resize in place, and MEM301's bytes are those
// of the target's instances. Both checked against the interpreters themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PYTHON_VERSIONS, type PythonVersion } from '../../server/src/sizes/cpython';
import { findingsIn } from '../support/analyze';
import { measureInstances } from '../support/instances';
import { runPythonJson } from '../support/python';
import { interpreterFor, missingInterpreter } from '../support/pythons';

async function codes(source: string, pythonVersion: PythonVersion, code: string): Promise<string[]> {
  return (await findingsIn(source, { pythonVersion }))
    .filter((finding) => finding.code === code)
    .map((finding) => finding.message);
}

const PARTS = 'parts = [str(i) for i in range(100)]\n';
/** Each grows a str `text` in a loop, where only 3.11 and later copy it. */
const RESIZED_BEFORE_3_11: Readonly<Record<string, string>> = {
  module: `${PARTS}text = ""\nfor part in parts:\n    text += part\n`,
  class: `${PARTS}class Report:\n    text = ""\n    for part in parts:\n        text += part\n`,
  nonlocal: `def outer(parts):\n    text = ""\n    def grow():\n        nonlocal text\n        for part in parts:\n            text += part\n    grow()\n    return text\n`,
  cell: `def build(parts):\n    text = ""\n    for part in parts:\n        text += part\n    return lambda: text\n`,
};
/** Copied on every version. */
const COPIED_EVERYWHERE: Readonly<Record<string, string>> = {
  global: `text = ""\ndef build(parts):\n    global text\n    for part in parts:\n        text += part\n`,
  attribute: `class Builder:\n    def __init__(self):\n        self.text = ""\n    def build(self, parts):\n        for part in parts:\n            self.text += part\n`,
  bytes: `${PARTS}data = b""\nfor part in parts:\n    data += part.encode()\n`,
};

test('MEM201 flags a module, class, nonlocal or cell str only when the code targets 3.11 or later', async () => {
  for (const version of PYTHON_VERSIONS) {
    const copies = version !== '3.8' && version !== '3.9' && version !== '3.10';
    for (const [home, source] of Object.entries(RESIZED_BEFORE_3_11)) {
      assert.equal((await codes(source, version, 'MEM201')).length, copies ? 1 : 0, `${home} on ${version}`);
    }
    for (const [home, source] of Object.entries(COPIED_EVERYWHERE)) {
      assert.equal((await codes(source, version, 'MEM201')).length, 1, `${home} on ${version}`);
    }
  }
  // `t = t + a + b` builds `t + a` anew on every version, wherever t lives.
  const chain = `${PARTS}text = ""\nfor part in parts:\n    text = text + part + ","\n`;
  assert.match((await codes(chain, '3.9', 'MEM201'))[0] ?? '', /^up to 3× peak/);
});

/** Peak traced bytes over the final length, for a module-level str grown by `+=` to 200,000 characters. */
const MODULE_LEVEL_PEAK = String.raw`
import json, tracemalloc
tracemalloc.start()
namespace = {}
exec('text = ""\nfor i in range(20000):\n    text += "0123456789"\n', namespace)
print(json.dumps(tracemalloc.get_traced_memory()[1] / len(namespace["text"])))
`;

test('python3.9 resizes a module-level str in place where python3 (3.11) copies it, as MEM201 assumes', (t) => {
  const python39 = interpreterFor('3.9');
  if (!python39) {
    const missing = missingInterpreter('3.9');
    if (missing.fail) assert.fail(missing.message);
    return t.skip(missing.message);
  }
  assert.ok(runPythonJson<number>(MODULE_LEVEL_PEAK, null, python39) < 1.2);
  assert.ok(runPythonJson<number>(MODULE_LEVEL_PEAK, null) > 1.9);
});

const POINT =
  'class Point:\n    def __init__(self, x, y, z):\n        self.x = x\n        self.y = y\n        self.z = z\n';
const KEPT = 'points = [Point(i, i, i) for i in range(100)]\n';

test('MEM301 holds the bytes the target version saves per instance, as that interpreter counts them', async (t) => {
  const saved = new Map<PythonVersion, number>();
  for (const version of PYTHON_VERSIONS) {
    const [finding] = (await findingsIn(POINT + KEPT, { pythonVersion: version })).filter(
      (candidate) => candidate.code === 'MEM301',
    );
    assert.ok(finding?.holds, version);
    saved.set(version, finding.holds.bytes / 100);
  }
  // 3.8-3.10 give each instance a real __dict__: far more than the 3.11+ values array.
  assert.ok(saved.get('3.9')! > saved.get('3.11')!, JSON.stringify([...saved]));
  const slotted = POINT.replace('class Point:\n', 'class Point:\n    __slots__ = ("x", "y", "z")\n');
  const cases = [
    { source: POINT, make: 'Point(1, 2, 3)' },
    { source: slotted, make: 'Point(1, 2, 3)' },
  ];
  const [asWritten, withSlots] = measureInstances(cases);
  assert.equal(saved.get('3.11'), asWritten! - withSlots!);
  const python39 = interpreterFor('3.9');
  if (!python39) return t.skip(missingInterpreter('3.9').message);
  const [asWritten39, withSlots39] = measureInstances(cases, python39);
  assert.equal(saved.get('3.9'), asWritten39! - withSlots39!);
});

test('MEM301 leaves a dataclass alone when the code targets a version without @dataclass(slots=True)', async () => {
  const source = `from dataclasses import dataclass\n\n@dataclass\nclass Row:\n    a: int\n    b: int\n\nrows = [Row(i, i) for i in range(100)]\n`;
  assert.equal((await codes(source, '3.9', 'MEM301')).length, 0);
  assert.match((await codes(source, '3.10', 'MEM301'))[0] ?? '', /@dataclass\(slots=True\)/);
});
