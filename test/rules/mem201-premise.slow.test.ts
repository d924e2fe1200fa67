// MEM201's claims, measured: its documented example run at data scale
// (100,000 parts) before and after its fix under tracemalloc, on python3 and
// on every other CPython the suite has, and the two facts its scope rests on:
// a function's own local str is resized in place (so it is not flagged, and a
// list of parts would raise the peak), and a module-level str is copied on
// every pass from CPython 3.11 on (so the message says "on CPython 3.11+").
import assert from 'node:assert/strict';
import { mem201 } from '../../server/src/rules/mem201-string-concat-in-loop';
import { assertClaim, type Tolerance } from '../support/premise/claims';
import { findingsOf } from '../support/premise/documented';
import { assertSameResults, measureFix } from '../support/premise/fixRuns';
import { forEachPython, type PremisePython } from '../support/premise/interpreters';
import { tracedRun, type TracedRun } from '../support/premise/tracedRun';

/** At data scale. One-byte parts keep the result (100 kB) under glibc's mmap threshold: the quadratic loop then takes well under a second. */
const PARTS = 100_000;

/** The documented example called on PARTS chunks made one per pass, as a stream gives them (one-byte bytes are shared objects: the parts cost nothing). */
const CALL_EXAMPLE = '\nRESULT = read_all(bytes((65 + i % 26,)) for i in range(PARTS))\n';

const LOCAL_PLUS_EQUALS = `
def build():
    text = ""
    for i in range(PARTS):
        text += chr(65 + i % 26)
    return text
RESULT = build()
`;

const LOCAL_JOIN = `
def build():
    parts = []
    for i in range(PARTS):
        parts.append(chr(65 + i % 26))
    return "".join(parts)
RESULT = build()
`;

const MODULE_PLUS_EQUALS = `
text = ""
for i in range(PARTS):
    text += chr(65 + i % 26)
RESULT = text
`;

/** The local bound elsewhere in its function too: before the loop, reset inside an `if`, replaced after it. */
const LOCAL_REBOUND = `
def build():
    text = ""
    if PARTS > 5:
        text = "> "
    for i in range(PARTS):
        if i == -1:
            text = ""
        text += chr(65 + i % 26)
    text = text.strip()
    return text
RESULT = build()
`;

/** Another name holding the local's value across every `+=` (MEM201 leaves it: the loop keeps each value whole). */
const LOCAL_ALIASED = `
def build():
    text = ""
    previous = text
    for i in range(PARTS):
        previous = text
        text += chr(65 + i % 26)
    return text
RESULT = build()
`;

/** Each program runs as module code (names at module level are module names), with PARTS bound. */
const SETUP = `PARTS = ${PARTS}`;
/** What a program builds, as text whether it built a str, bytes or a bytearray. */
const TEXT = 'RESULT if isinstance(RESULT, str) else bytes(RESULT).decode()';
const RESULTS = [TEXT];
const FIGURES = { length: 'len(RESULT)' };

function run({ python }: PremisePython, code: string): TracedRun {
  return tracedRun(python, { setup: SETUP, code, results: RESULTS, figures: FIGURES });
}

function lengthOf(run: TracedRun): number {
  return run.figures.length!;
}

/**
 * The message claims a peak of 2× the value's size: the old and the new
 * object alive at once, each with a header of a few dozen bytes, so a
 * measured peak of at least 1.9× the result holds it.
 */
const COPIED: Tolerance = {
  below: 0.05,
  above: Infinity,
  why: 'the old and the new value are alive at once, each with a header of a few dozen bytes',
};
/** A value resized in place peaks at its own size plus headers and the over-allocation of a bytearray (at most an eighth). */
const IN_PLACE: Tolerance = {
  below: Infinity,
  above: 0.25,
  why: "headers and a bytearray's over-allocation (at most an eighth) come on top of the value",
};
/** Between the two, the fix must lower the peak by at least 1.6× (1.9 / 1.25, rounded down). */
const FIX_FACTOR = 1.6;

forEachPython(
  'MEM201 premise: the documented example is flagged, and its fix lowers the peak from 2× the result to about 1×',
  async (python, t) => {
    assert.equal((await findingsOf(mem201, mem201.docs.example)).length, 1);
    const { before, after } = measureFix(python.python, {
      setup: SETUP,
      before: mem201.docs.example + CALL_EXAMPLE,
      after: mem201.docs.useInstead + CALL_EXAMPLE,
      results: RESULTS,
      figures: FIGURES,
    });
    t.diagnostic(`bytes +=: peak ${before.peak} B; bytearray: peak ${after.peak} B; result ${lengthOf(before)} B`);
    assert.equal(lengthOf(before), PARTS);
    assertClaim('bytes += peak, against 2× the result', before.peak, 2 * lengthOf(before), COPIED);
    // Both built the same bytes (measureFix compares them): one length.
    assertClaim('bytearray peak, against the result', after.peak, lengthOf(before), IN_PLACE);
    assert.ok(
      before.peak >= FIX_FACTOR * after.peak,
      `the fix lowers the peak ${(before.peak / after.peak).toFixed(2)}×, less than ${FIX_FACTOR}×`,
    );
  },
);

forEachPython(
  'MEM201 premise: a function-local str grown by += is resized in place, and a list of parts would raise the peak (not flagged)',
  (python, t) => {
    const localPlusEquals = run(python, LOCAL_PLUS_EQUALS);
    const localJoin = run(python, LOCAL_JOIN);
    t.diagnostic(
      `local str +=: peak ${localPlusEquals.peak} B; list and join: peak ${localJoin.peak} B; result ${lengthOf(localPlusEquals)} B`,
    );
    assertSameResults(RESULTS, localPlusEquals, localJoin, 'list and join against +=');
    assertClaim('local str += peak, against the result', localPlusEquals.peak, lengthOf(localPlusEquals), IN_PLACE);
    // Even with parts that cost nothing (one-character strs are shared), the list holds a pointer of 8 B per part.
    assert.ok(localJoin.peak > 2 * localPlusEquals.peak, `list and join peaks at ${localJoin.peak} B`);
  },
);

forEachPython(
  'MEM201 premise: a module-level str is copied on every pass from CPython 3.11 on, and resized in place before',
  (python, t) => {
    const modulePlusEquals = run(python, MODULE_PLUS_EQUALS);
    const localPlusEquals = run(python, LOCAL_PLUS_EQUALS);
    t.diagnostic(`module-level str +=: peak ${modulePlusEquals.peak} B; in a function: ${localPlusEquals.peak} B`);
    assertSameResults(RESULTS, localPlusEquals, modulePlusEquals, 'module-level against function-local +=');
    const [major, minor] = python.version.split('.').map(Number) as [number, number];
    const length = lengthOf(modulePlusEquals);
    if (major > 3 || minor >= 11)
      assertClaim('module-level str += peak, against 2× the result', modulePlusEquals.peak, 2 * length, COPIED);
    else
      assertClaim('module-level str += peak before 3.11, against the result', modulePlusEquals.peak, length, IN_PLACE);
  },
);

forEachPython(
  'MEM201 premise: a local str bound elsewhere in its function is still resized in place; only a second reference held across += copies it',
  (python, t) => {
    const rebound = run(python, LOCAL_REBOUND);
    const aliased = run(python, LOCAL_ALIASED);
    t.diagnostic(`rebound local +=: peak ${rebound.peak} B; aliased local +=: peak ${aliased.peak} B`);
    // `strip()` of a str with nothing to strip returns the same object: no copy after the loop.
    assertClaim('rebound local str += peak, against the result', rebound.peak, lengthOf(rebound), IN_PLACE);
    assertClaim('aliased local str += peak, against 2× the result', aliased.peak, 2 * lengthOf(aliased), COPIED);
  },
);
