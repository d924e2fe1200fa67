// Bytes per instance with and without __slots__ for each CPython version,
// against tracemalloc in a real interpreter of that version (the interpreters
// of versions-oracle.slow.test.ts; python3's own version is instances-python.slow.test.ts's).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { dictInstanceSize, slottedInstanceSize } from '../../server/src/sizes/instances';
import { classSource, measureInstances } from '../support/instances';
import { forOtherInterpreters } from '../support/pythons';

forOtherInterpreters(
  (version) => `instance sizes for CPython ${version}`,
  (python, version) => {
    const layout = CPYTHON[version];
    it(`instance sizes with and without __slots__ match ${python} for 0 to 28 attributes`, () => {
      const counts = Array.from({ length: 29 }, (_, i) => i);
      const sources = counts.flatMap((n) => [classSource(n, false), classSource(n, true)]);
      const measured = measureInstances(
        sources.map((source) => ({ source, make: 'C()' })),
        python,
      );
      const modelled = counts.flatMap((n) => [dictInstanceSize(layout, n), slottedInstanceSize(layout, n)]);
      assert.deepEqual(modelled, measured);
    });
  },
);
