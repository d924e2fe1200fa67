// A call whose one argument is a bare generator expression (`list(x for x in
// xs)`) passes that argument: the container it builds holds every item, so no
// estimate may describe it as the empty container a call without arguments makes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateProgram, measureInPython, programOf, type SizeCase } from '../support/sizes';
import { CPYTHON, DEFAULT_PYTHON_VERSION } from '../../server/src/sizes/cpython';

const CASES: readonly SizeCase[] = [
  { expression: 'list(x for x in range(10))' },
  { expression: 'tuple(x for x in range(10))' },
  { expression: 'set(x for x in range(10))' },
  { expression: 'frozenset(x for x in range(10))' },
  { expression: 'dict((x, x) for x in range(10))' },
  { expression: 'bytearray(x for x in range(10))' },
  { setup: 'import array', expression: "array.array('q', (x for x in range(10)))" },
];

test('constructors fed a bare generator expression are not estimated as empty', async () => {
  const programs = CASES.map(programOf);
  const measured = measureInPython(programs.map((program) => ({ program }))).results;
  for (const [index, program] of programs.entries()) {
    const estimate = await estimateProgram(program, CPYTHON[DEFAULT_PYTHON_VERSION]);
    if (!estimate) continue;
    assert.equal(
      estimate.shallow.bytes,
      measured[index]!.shallow,
      `${CASES[index]!.expression}: estimated ${estimate.shallow.bytes} bytes`,
    );
  }
});
