// MEM301's premise, measured: its documented example making 10^5 instances,
// with the class as written and with the `__slots__` it advises, under
// tracemalloc on every CPython the suite has. The finding holds the bytes
// `__slots__` saves per instance on CPython 3.11 times the instances kept
// (`40·n B, n = len(pairs)`); on the other versions the same size model gives
// that version's bytes. And the premise's limit: instances that the next pass
// replaces are one alive at a time, so `__slots__` saves nothing that grows
// with the passes, and MEM301 stays silent there.
import assert from 'node:assert/strict';
import { mem301 } from '../../server/src/rules/mem301-slots-for-many-instances';
import { CPYTHON, DEFAULT_PYTHON_VERSION, type PythonVersion } from '../../server/src/sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../../server/src/sizes/instances';
import { assertClaim } from '../support/premise/claims';
import { assignedNames, findingsOf, paragraphs } from '../support/premise/documented';
import { describeRuns, measureFix } from '../support/premise/fixRuns';
import { forEachPython } from '../support/premise/interpreters';
import { DATA_SCALE } from '../support/premise/tracedRun';

const SLOTS = /`__slots__ = \(([^)]*)\)`/;

/** The advice before its `# or, on Python 3.10+:` alternative, which `@dataclass(slots=True)` needs 3.10 for. */
const slotted = mem301.docs.useInstead.split(/^# or\b/m)[0]!;

/** `pairs` of floats, made before tracing starts. */
function setupFor(count: number): string {
  return `pairs = [(float(i), float(-i)) for i in range(${count})]`;
}

/** What `__slots__` saves per instance on a version, from the size model. */
function savedPerInstance(version: PythonVersion, attributes: number): number {
  const layout = CPYTHON[version];
  const withDict = dictInstanceSize(layout, attributes);
  assert.ok(withDict !== undefined, `the model knows ${attributes} attributes on ${version}`);
  return withDict - slottedInstanceSize(layout, attributes);
}

forEachPython(
  'MEM301: __slots__ lowers the peak of the documented example by what the finding holds',
  async ({ python, version }, context) => {
    const [finding] = await findingsOf(mem301, mem301.docs.example);
    const slots = SLOTS.exec(finding?.message ?? '');
    assert.ok(finding && slots, `the finding names the slots it advises: ${finding?.message}`);
    const attributes = [...slots[1]!.matchAll(/"(\w+)"/g)].map((match) => match[1]!);
    const perInstance = finding.holds?.perCount;
    assert.deepEqual(
      perInstance,
      { bytes: savedPerInstance(DEFAULT_PYTHON_VERSION, attributes.length), count: 'len(pairs)' },
      'the finding holds the saving per instance, one instance per pair',
    );
    assert.ok(
      finding.message.startsWith(`≈ ${perInstance.bytes}·n B of instance dicts (n = len(pairs))`),
      `the message leads with what the finding holds: ${finding.message}`,
    );
    const instances = assignedNames(mem301.docs.example).at(-1)!;
    const runs = measureFix(python, {
      setup: setupFor(DATA_SCALE),
      before: mem301.docs.example,
      after: slotted,
      // Instances differ in identity and repr; what they hold must not.
      results: [`[(${attributes.map((name) => `p.${name}`).join(', ')}) for p in ${instances}]`],
      figures: { count: `len(${instances})` },
    });
    const claimed = savedPerInstance(version, attributes.length) * runs.before.figures.count!;
    context.diagnostic(
      describeRuns(
        `MEM301 example, ${savedPerInstance(version, attributes.length)} B saved per instance`,
        runs,
        claimed,
      ),
    );
    assertClaim('peak saved', runs.peakSaved, claimed, {
      below: 0.01,
      above: 0.01,
      why: 'the list, the floats and the comprehension are the same either way; the class objects and the first instances, which CPython sizes generously, differ by a few KB',
    });
  },
);

/** The example's class, made on every pass and bound to a name the next pass rebinds: what MEM301 used to flag in loops. */
const REBOUND = 'total = 0.0\nfor x, y in pairs:\n    point = Point(x, y, 0.0)\n    total += point.x\n';

/** The class of an example: everything before the statement that makes its instances. */
function withoutLastBlock(source: string): string {
  return paragraphs(source)
    .slice(0, -1)
    .map((paragraph) => paragraph.text)
    .join('\n\n');
}

forEachPython(
  'MEM301: an instance the next pass replaces saves nothing that grows with the passes, and is not flagged',
  async ({ python }, context) => {
    const before = `${withoutLastBlock(mem301.docs.example)}\n\n${REBOUND}`;
    const after = `${withoutLastBlock(slotted)}\n\n${REBOUND}`;
    assert.deepEqual(await findingsOf(mem301, before), [], 'no finding where one instance is alive at a time');
    // The class objects differ by about a kilobyte either way: what counts is how the saving changes with the passes.
    const saved = [DATA_SCALE / 100, DATA_SCALE].map((passes) => {
      const runs = measureFix(python, { setup: setupFor(passes), before, after, results: ['total'] });
      context.diagnostic(describeRuns(`MEM301 rebound name, ${passes} passes`, runs, 0));
      return runs.peakSaved;
    });
    const growth = saved[1]! - saved[0]!;
    // Kept, the 99,000 more instances would save 40 B or more each: 4 MB.
    assert.ok(
      Math.abs(growth) < 256,
      `100 times the passes changes the peak saved by ${growth} B: nothing per instance`,
    );
  },
);
