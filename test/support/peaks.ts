// A rule's premise, measured: a snippet run before and after the rule's fix
// under tracemalloc, at data scale, by one interpreter. The fix is the rule's
// own, applied to the finding it makes on the snippet.
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/fixes';
import type { Finding, Rule } from '../../server/src/rules/types';
import { findingsIn } from './analyze';
import { python3Version, forOtherInterpreters } from './pythons';
import { runPythonJson } from './python';
import { describe } from 'node:test';
import type { PythonVersion } from '../../server/src/sizes/cpython';

/** Code run before the measured snippet (its data), and the snippet a rule flags once. */
export interface PremiseCase {
  readonly title: string;
  readonly setup: string;
  readonly code: string;
}

/** One measured run of a snippet: the traced peak, and a digest of what it printed and bound. */
interface Run {
  readonly peak: number;
  readonly output: string;
}

export interface Premise {
  readonly finding: Finding;
  readonly before: Run;
  readonly after: Run;
  /** What the flagged expression holds when evaluated alone and kept (a list and the items it built), and its length. */
  readonly held: number;
  readonly count: number;
  /** Bytes the fix takes off the peak, per item of the flagged expression. */
  readonly savedPerItem: number;
  readonly saved: number;
}

/**
 * Runs `setup`, then a snippet with tracemalloc on from its first line: its
 * peak, and a digest of what it printed (hashed as printed, since keeping it
 * would add to the peak) and of the reprs of the names it bound. `held` is the
 * flagged expression evaluated alone and kept: what tracemalloc still traces.
 */
const MEASURE = String.raw`
import gc, hashlib, json, sys, tracemalloc
request = json.load(sys.stdin)

class Sink:
    def __init__(self):
        self.digest = hashlib.sha256()
    def write(self, text):
        self.digest.update(text.encode())
        return len(text)
    def flush(self):
        pass

def measured(code):
    namespace = {}
    exec(request["setup"], namespace)
    known = set(namespace)
    compiled = compile(code, "<snippet>", "exec")
    sink, stdout = Sink(), sys.stdout
    gc.collect()
    sys.stdout = sink
    tracemalloc.start()
    try:
        exec(compiled, namespace)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        sys.stdout = stdout
    bound = {name: repr(value) for name, value in namespace.items() if name not in known and not name.startswith("__")}
    sink.digest.update(json.dumps(bound, sort_keys=True).encode())
    return namespace, {"peak": peak, "current": current, "output": sink.digest.hexdigest()}

_, before = measured(request["before"])
_, after = measured(request["after"])
namespace, held = measured("__held = " + request["held"])
print(json.dumps({"before": before, "after": after, "held": held["current"], "count": len(namespace["__held"])}))
`;

/** The rule's one finding on the case's snippet, its fix applied, both run by `python` under tracemalloc. */
export async function measurePremise(rule: Rule, premise: PremiseCase, python: string): Promise<Premise> {
  const text = `${premise.setup}\n${premise.code}\n`;
  const offset = premise.setup.length + 1;
  const findings = (await findingsIn(text, { rules: [rule] })).filter((finding) => finding.start >= offset);
  assert.equal(findings.length, 1, `${rule.code} flags ${JSON.stringify(premise.code)} once: ${JSON.stringify(findings.map((f) => f.message))}`);
  const finding = findings[0]!;
  assert.ok(finding.fix, `${rule.code} offers a fix for ${premise.code}`);
  const fixed = applyEdits(text, finding.fix.edits).slice(offset);
  const held = text.slice(finding.start, finding.end);
  const result = runPythonJson<{ before: Run & { current: number }; after: Run; held: number; count: number }>(
    MEASURE,
    { setup: premise.setup, before: premise.code, after: fixed, held },
    python,
  );
  const saved = result.before.peak - result.after.peak;
  return { finding, before: result.before, after: result.after, held: result.held, count: result.count, saved, savedPerItem: saved / result.count };
}

/**
 * Declares `suite` for python3 and for each other CPython the suite checks
 * (test/support/pythons.ts): a missing one is skipped with a message, or fails under CI.
 */
export function forEveryInterpreter(rule: Rule, suite: (python: string, version: string) => void): void {
  const version = python3Version();
  describe(`${rule.code} premise on python3 (${version ?? 'missing'})`, () => suite('python3', version ?? '0.0'));
  forOtherInterpreters((other: PythonVersion) => `${rule.code} premise on python${other}`, (python, other) => {
    describe(`${rule.code} premise on python${other}`, () => suite(python, other));
  });
}

/** Whether `version` ("3.9") is at least `minimum` ("3.11"). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  const [wantMajor, wantMinor] = minimum.split('.').map(Number);
  return major! > wantMajor! || (major === wantMajor && minor! >= wantMinor!);
}
