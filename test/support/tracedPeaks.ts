// Measured premises: a rule's documented example and its replacement, run at
// data scale under tracemalloc by each CPython that has numpy (or pandas), so
// that a test can hold the rule's message to the peaks it claims.
import { spawnSync } from 'node:child_process';
import { PYTHON_VERSIONS } from '../../server/src/sizes/cpython';
import { interpreterFor, missingInterpreter, python3Version } from './pythons';
import { runPythonJson } from './python';

export interface CaseRun {
  /** The highest traced memory while the case ran, above what was traced when it started. */
  readonly peak: number;
  /** Each name the case bound. */
  readonly values: Readonly<Record<string, BoundValue>>;
}

export interface BoundValue {
  /** Type, dtype, shape and a hash of the data for arrays and frames; the repr of anything else. */
  readonly fingerprint: string;
  /** The bytes of an array's or a frame's data (index included), null for other values. */
  readonly bytes: number | null;
}

export interface TracedRuns {
  /** "3.11.7 numpy 2.4.6" */
  readonly interpreter: string;
  readonly runs: readonly CaseRun[];
}

/**
 * Each case runs in a fresh namespace after `setup` (untraced): the inputs the
 * example reads exist before tracing starts, as they would in the user's program.
 */
const TRACE_CASES = String.raw`
import gc, hashlib, json, sys, tracemalloc
request = json.load(sys.stdin)
try:
    import numpy as np
except ImportError:
    np = None
try:
    import pandas as pd
except ImportError:
    pd = None

def digest(data):
    return hashlib.sha256(data).hexdigest()

def described(value):
    if np is not None and isinstance(value, np.ndarray):
        data = digest(np.ascontiguousarray(value).tobytes())
        return {"fingerprint": "ndarray %s %s %s" % (value.dtype, value.shape, data), "bytes": int(value.nbytes)}
    if pd is not None and isinstance(value, pd.DataFrame):
        data = digest(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        fingerprint = "DataFrame %s %s %s %s" % ([str(c) for c in value.columns], [str(t) for t in value.dtypes], value.shape, data)
        return {"fingerprint": fingerprint, "bytes": int(value.memory_usage(index=True).sum())}
    return {"fingerprint": "%s %r" % (type(value).__name__, value), "bytes": None}

runs = []
for case in request["cases"]:
    namespace = {"__name__": "__main__"}
    exec(compile(request["setup"], "<setup>", "exec"), namespace)
    before = set(namespace)
    code = compile(case, "<case>", "exec")
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    exec(code, namespace)
    peak = tracemalloc.get_traced_memory()[1] - start
    tracemalloc.stop()
    values = {name: described(value) for name, value in namespace.items() if name not in before}
    runs.append({"peak": peak, "values": values})
    del namespace
    gc.collect()
versions = "%d.%d.%d" % sys.version_info[:3]
for module in (np, pd):
    if module is not None:
        versions += " %s %s" % (module.__name__, module.__version__)
print(json.dumps({"interpreter": versions, "runs": runs}))
`;

/** Runs each case after `setup` with `python`, each in a namespace of its own. */
export function tracedRuns(python: string, setup: string, cases: readonly string[]): TracedRuns {
  return runPythonJson<TracedRuns>(TRACE_CASES, { setup, cases }, python);
}

export interface Interpreters {
  /** Interpreters that import the module, each with a label ("python3.9", "/usr/bin/python3"). */
  readonly found: readonly { readonly label: string; readonly python: string }[];
  /** Why a CPython is not measured, and whether that is a failure (under CI, where the suite provides it). */
  readonly missing: readonly { readonly message: string; readonly fail: boolean }[];
}

function imports(python: string, module: string): boolean {
  return spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

function executable(python: string): string | undefined {
  const result = spawnSync(python, ['-c', 'import os, sys; print(os.path.realpath(sys.executable))'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Every interpreter the suite has that imports `module`: the machine's
 * python3 and Debian's /usr/bin/python3 (where python3-numpy and
 * python3-pandas install; both when they differ), then the other CPythons of
 * test/support/pythons.ts. python3's version must be measured by one of its
 * two, and under CI the CPythons scripts/pythons/install.sh provides must
 * import numpy (it installs numpy alone, so pandas is asked of python3's version only).
 */
export function interpretersWith(module: 'numpy' | 'pandas'): Interpreters {
  const found: { label: string; python: string }[] = [];
  const missing: { message: string; fail: boolean }[] = [];
  const seen = new Set<string>();
  for (const python of ['python3', '/usr/bin/python3']) {
    const path = executable(python);
    if (path === undefined || seen.has(path)) continue;
    seen.add(path);
    if (imports(python, module)) found.push({ label: python, python });
  }
  if (found.length === 0) {
    const fix = module === 'pandas' ? 'apt-get install python3-pandas' : 'apt-get install python3-numpy';
    missing.push({ message: `neither python3 nor /usr/bin/python3 imports ${module} (${fix})`, fail: process.env.CI === 'true' });
  }
  const own = python3Version();
  for (const version of PYTHON_VERSIONS.filter((version) => version !== own)) {
    const python = interpreterFor(version);
    if (!python) {
      missing.push(missingInterpreter(version));
    } else if (imports(python, module)) {
      found.push({ label: `python${version}`, python });
    } else {
      const provided = module === 'numpy';
      missing.push({ message: `python${version} cannot import ${module}${provided ? ': run scripts/pythons/install.sh' : ' (scripts/pythons/install.sh installs numpy only)'}`, fail: provided && process.env.CI === 'true' });
    }
  }
  return { found, missing };
}
