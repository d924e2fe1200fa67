// A rule's premise, measured: its documented example and the code it advises
// instead, each run at data scale under tracemalloc in a real CPython, on every
// interpreter the suite has. The fix must not change what the code computes,
// and must lower the peak by what the rule's message claims. The interpreters
// come from premisePythons.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** At least this many items, rows or lines: where a memory rule's advice matters. */
export const DATA_SCALE = 100_000;

export interface PremiseProgram {
  /** Runs first, untraced, in a fresh folder: binds the example's free names to data-scale values, writes its files. */
  readonly setup: string;
  /** The code measured: the documented example or its replacement. */
  readonly code: string;
  /** Names bound to a function that folds its arguments into the digest (`print`, `handle`): output without holding it. */
  readonly sinks?: readonly string[];
  /** Expressions evaluated after tracing stops; their repr goes into the digest. */
  readonly results?: readonly string[];
  /** Expressions evaluated after tracing stops, returned as numbers: what a claim is computed from. */
  readonly figures?: Readonly<Record<string, string>>;
}

export interface PremiseRun {
  /** Bytes tracemalloc saw at the highest point while `code` ran. */
  readonly peak: number;
  /** Bytes still held when `code` ended. */
  readonly held: number;
  /** sha256 over what the sinks were given and the results' reprs, in order. */
  readonly digest: string;
  readonly figures: Readonly<Record<string, number>>;
}

const RUN_PREMISE = String.raw`
import hashlib, json, sys, tracemalloc
request = json.load(sys.stdin)
digest = hashlib.sha256()
def sink(*args, **kwargs):
    digest.update(repr((args, sorted(kwargs.items()))).encode())
namespace = {"__name__": "__main__"}
for name in request["sinks"]:
    namespace[name] = sink
exec(compile(request["setup"], "<setup>", "exec"), namespace)
# Compiled before tracing: the code object is not part of what the code holds.
code = compile(request["code"], "<code>", "exec")
tracemalloc.start()
exec(code, namespace)
held, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
for expression in request["results"]:
    digest.update(repr(eval(expression, namespace)).encode())
figures = {name: eval(expression, namespace) for name, expression in request["figures"].items()}
print(json.dumps({"peak": peak, "held": held, "digest": digest.hexdigest(), "figures": figures}))
`;

/** Runs the program once in `python`, in a folder of its own (also its TMPDIR) that is removed afterwards. */
export function runPremise(python: string, program: PremiseProgram): PremiseRun {
  const folder = mkdtempSync(join(tmpdir(), 'memhints-premise-'));
  try {
    const request = { setup: program.setup, code: program.code, sinks: program.sinks ?? [], results: program.results ?? [], figures: program.figures ?? {} };
    // The timeout only guards against a change that makes a program hang.
    const result = spawnSync(python, ['-c', RUN_PREMISE], {
      cwd: folder,
      input: JSON.stringify(request),
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, TMPDIR: folder },
    });
    if (result.error) throw new Error(`${python} could not be run: ${result.error.message}`);
    if (result.status !== 0) throw new Error(`${python} failed (${result.status}) on:\n${program.code}\n${result.stderr}`);
    return JSON.parse(result.stdout) as PremiseRun;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export interface FixProgram extends Omit<PremiseProgram, 'code'> {
  /** The code a rule flags. */
  readonly before: string;
  /** The same code with the rule's advice applied. */
  readonly after: string;
}

export interface FixRuns {
  readonly before: PremiseRun;
  readonly after: PremiseRun;
  /** How much lower the peak is with the fix. */
  readonly peakSaved: number;
  /** How much less the code holds when it ends, with the fix. */
  readonly heldSaved: number;
}

/** Runs the code before and after its fix, each in a process of its own, and asserts that both compute the same. */
export function measureFix(python: string, program: FixProgram): FixRuns {
  const { before: beforeCode, after: afterCode, ...shared } = program;
  const before = runPremise(python, { ...shared, code: beforeCode });
  const after = runPremise(python, { ...shared, code: afterCode });
  assert.equal(after.digest, before.digest, `the fix changes what the code computes or outputs:\n--- before\n${beforeCode}\n--- after\n${afterCode}`);
  return { before, after, peakSaved: before.peak - after.peak, heldSaved: before.held - after.held };
}

/**
 * How far a measurement may stray from a claim, as fractions of the claim,
 * and why: a message rounds, leaves out an allocator's slack, or names the
 * cost that matters and not every byte around it.
 */
export interface Tolerance {
  readonly below: number;
  readonly above: number;
  readonly why: string;
}

/** Asserts claimed·(1 − below) ≤ measured ≤ claimed·(1 + above). */
export function assertClaim(what: string, measured: number, claimed: number, tolerance: Tolerance): void {
  const low = claimed * (1 - tolerance.below);
  const high = claimed * (1 + tolerance.above);
  const off = claimed === 0 ? 'n/a' : `${(((measured - claimed) / claimed) * 100).toFixed(1)}%`;
  assert.ok(
    measured >= low && measured <= high,
    `${what}: measured ${measured} B, claimed ${claimed} B (${off}); allowed -${tolerance.below * 100}% to +${tolerance.above * 100}% because ${tolerance.why}`,
  );
}

/** One line for the test's output: what was measured, beside what was claimed. */
export function describeRuns(label: string, runs: FixRuns, claimed: number): string {
  const { before, after } = runs;
  return `${label}: peak ${before.peak} -> ${after.peak} B (saved ${runs.peakSaved}, claimed ${claimed}), held ${before.held} -> ${after.held} B`;
}

/** The source's blocks: runs of lines between blank lines (a documented example shows one case per block). */
export function paragraphs(source: string): string[] {
  return source.split(/\n[ \t]*\n/).filter((block) => block.trim() !== '');
}

/** The names a source binds with `name = …` at its top level, in order. */
export function assignedNames(source: string): string[] {
  return [...source.matchAll(/^(\w+)\s*=[^=]/gm)].map((match) => match[1]!);
}
