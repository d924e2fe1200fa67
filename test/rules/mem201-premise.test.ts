// MEM201's claims, measured: its documented example run at data scale
// (100,000 parts) before and after its fix under tracemalloc, on python3 and
// on every other CPython the suite has, and the two facts its scope rests on:
// a function's own local str is resized in place (so it is not flagged, and a
// list of parts would raise the peak), and a module-level str is copied on
// every pass from CPython 3.11 on (so the message says "on CPython 3.11+").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mem201 } from '../../server/src/rules/mem201-string-concat-in-loop';
import { findingsIn } from '../support/analyze';
import { runPythonJson } from '../support/python';
import { forOtherInterpreters, python3Version } from '../support/pythons';

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

/** Runs each program as module code (names at module level are module names) and reports tracemalloc's peak above the start, and the result. */
const MEASURE = String.raw`
import json, sys, tracemalloc
spec = json.load(sys.stdin)
measured = {}
for name, source in spec["programs"].items():
    code = compile(source, name, "exec")
    namespace = {"__name__": "__premise__", "PARTS": spec["parts"]}
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    exec(code, namespace)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    result = namespace["RESULT"]
    measured[name] = {"peak": peak, "length": len(result), "text": bytes(result).decode() if not isinstance(result, str) else result}
print(json.dumps(measured))
`;

interface Measured {
  readonly peak: number;
  readonly length: number;
  readonly text: string;
}

type Programs = Record<'before' | 'after' | 'localPlusEquals' | 'localJoin' | 'modulePlusEquals', Measured>;

function measure(python: string): Programs {
  const programs = {
    before: mem201.docs.example + CALL_EXAMPLE,
    after: mem201.docs.useInstead + CALL_EXAMPLE,
    localPlusEquals: LOCAL_PLUS_EQUALS,
    localJoin: LOCAL_JOIN,
    modulePlusEquals: MODULE_PLUS_EQUALS,
  };
  return runPythonJson<Programs>(MEASURE, { parts: PARTS, programs }, python);
}

/**
 * Tolerances. The message claims a peak of 2× the value's size: the old and
 * the new object alive at once, each with a header of a few dozen bytes, so
 * a measured peak of at least 1.9× the result holds it. A value resized in
 * place peaks at its own size plus headers and the over-allocation of a
 * bytearray (at most an eighth), so at most 1.25× the result. Between the
 * two, the fix must lower the peak by at least 1.6× (1.9 / 1.25, rounded down).
 */
const COPIED_PEAK = 1.9;
const IN_PLACE_PEAK = 1.25;
const FIX_FACTOR = 1.6;

function premiseSuite(python: string, version: string | undefined): void {
  describe(`MEM201 premise under ${python}${version ? ` (CPython ${version})` : ''}`, () => {
    let measured: Programs;
    const programs = () => (measured ??= measure(python));

    it('the documented example is flagged, and its fix lowers the peak from 2× the result to about 1×', async (t) => {
      assert.equal((await findingsIn(mem201.docs.example, { rules: [mem201] })).length, 1);
      const { before, after } = programs();
      t.diagnostic(`bytes +=: peak ${before.peak} B; bytearray: peak ${after.peak} B; result ${before.length} B`);
      assert.equal(after.text, before.text, 'the fix builds the same bytes');
      assert.equal(before.length, PARTS);
      assert.ok(before.peak >= COPIED_PEAK * before.length, `bytes += peaks at ${before.peak} B for a ${before.length} B result`);
      assert.ok(after.peak <= IN_PLACE_PEAK * after.length, `the bytearray peaks at ${after.peak} B for a ${after.length} B result`);
      assert.ok(before.peak >= FIX_FACTOR * after.peak, `the fix lowers the peak ${(before.peak / after.peak).toFixed(2)}×, less than ${FIX_FACTOR}×`);
    });

    it('a function-local str grown by += is resized in place, and a list of parts would raise the peak (not flagged)', (t) => {
      const { localPlusEquals, localJoin } = programs();
      t.diagnostic(`local str +=: peak ${localPlusEquals.peak} B; list and join: peak ${localJoin.peak} B; result ${localPlusEquals.length} B`);
      assert.equal(localJoin.text, localPlusEquals.text);
      assert.ok(localPlusEquals.peak <= IN_PLACE_PEAK * localPlusEquals.length, `local str += peaks at ${localPlusEquals.peak} B`);
      // Even with parts that cost nothing (one-character strs are shared), the list holds a pointer of 8 B per part.
      assert.ok(localJoin.peak > 2 * localPlusEquals.peak, `list and join peaks at ${localJoin.peak} B`);
    });

    it('a module-level str is copied on every pass from CPython 3.11 on, and resized in place before', (t) => {
      const { modulePlusEquals, localPlusEquals } = programs();
      t.diagnostic(`module-level str +=: peak ${modulePlusEquals.peak} B; in a function: ${localPlusEquals.peak} B`);
      assert.equal(modulePlusEquals.text, localPlusEquals.text);
      if (version === undefined) return t.skip('the interpreter did not tell its version');
      const [major, minor] = version.split('.').map(Number) as [number, number];
      if (major > 3 || minor >= 11) assert.ok(modulePlusEquals.peak >= COPIED_PEAK * modulePlusEquals.length, `module-level str += peaks at ${modulePlusEquals.peak} B`);
      else assert.ok(modulePlusEquals.peak <= IN_PLACE_PEAK * modulePlusEquals.length, `module-level str += peaks at ${modulePlusEquals.peak} B before 3.11`);
    });
  });
}

premiseSuite('python3', python3Version());
forOtherInterpreters((version) => `MEM201 premise under CPython ${version}`, (python, version) => premiseSuite(python, version));
