// MEM301's premise, measured: its documented example making 10^5 instances,
// with the class as written and with the `__slots__` it advises, under
// tracemalloc on every CPython the suite has. The message gives the bytes per
// instance on one CPython version; on the others the same size model (which
// the message is computed from) gives that version's bytes.
import assert from 'node:assert/strict';
import { mem301 } from '../../server/src/rules/mem301-slots-for-many-instances';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../../server/src/sizes/instances';
import { findingsIn } from '../support/analyze';
import { assertClaim, assignedNames, DATA_SCALE, describeRuns, measureFix } from '../support/premise';
import { forEachPython } from '../support/premisePythons';

const CLAIM = /takes (\d+) bytes \(CPython (\d+\.\d+), 64-bit\), (\d+) with `__slots__ = \(([^)]*)\)`/;

/** The advice before its `# or, on Python 3.10+:` alternative, which `@dataclass(slots=True)` needs 3.10 for. */
const slotted = mem301.docs.useInstead.split(/^# or\b/m)[0]!;

forEachPython('MEM301: __slots__ lowers the peak of the documented example by the bytes per instance claimed', async ({ python, version }, context) => {
  const [finding] = await findingsIn(mem301.docs.example, { rules: [mem301] });
  const claim = CLAIM.exec(finding?.message ?? '');
  assert.ok(claim, `the finding states the bytes per instance: ${finding?.message}`);
  const attributes = [...claim[4]!.matchAll(/"(\w+)"/g)].map((match) => match[1]!);
  const layout = CPYTHON[version];
  const withDict = dictInstanceSize(layout, attributes.length);
  const withSlots = slottedInstanceSize(layout, attributes.length);
  assert.ok(withDict !== undefined, `the model knows ${attributes.length} attributes on ${version}`);
  if (claim[2] === version) assert.deepEqual([Number(claim[1]), Number(claim[3])], [withDict, withSlots], 'the message states the model for its version');
  const instances = assignedNames(mem301.docs.example).at(-1)!;
  const runs = measureFix(python, {
    setup: `pairs = [(float(i), float(-i)) for i in range(${DATA_SCALE})]`,
    before: mem301.docs.example,
    after: slotted,
    // Instances differ in identity and repr; what they hold must not.
    results: [`[(${attributes.map((name) => `p.${name}`).join(', ')}) for p in ${instances}]`],
    figures: { count: `len(${instances})` },
  });
  const claimed = (withDict - withSlots) * runs.before.figures.count!;
  context.diagnostic(describeRuns(`MEM301 example, ${withDict} -> ${withSlots} B per instance`, runs, claimed));
  assertClaim('peak saved', runs.peakSaved, claimed, {
    below: 0.01,
    above: 0.01,
    why: 'the list, the floats and the comprehension are the same either way; the class objects and the first instances, which CPython sizes generously, differ by a few KB',
  });
});
