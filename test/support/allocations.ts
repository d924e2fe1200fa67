// What tracemalloc says evaluating an oracle case's expression allocates: the
// setup runs first, untraced; the expression is compiled before tracing
// starts, so its constants are not counted; the value is kept alive until
// the snapshot is taken.
import { runPythonJson } from './python';
import { PYTHON_CASE_LOOP, type SizeCase } from './sizes';

export interface AllocationMeasurement {
  /** Bytes still allocated, when the value is made, by the expression's own code. */
  readonly allocated?: number;
  readonly error?: string;
  readonly missingModule?: string;
  readonly moduleVersion?: string;
}

export interface AllocationMeasurements {
  /** "3.11" */
  readonly version: string;
  readonly results: readonly AllocationMeasurement[];
}

const MEASURE = String.raw`
import array, importlib, importlib.util, json, sys, tracemalloc

# Only what the expression's own code allocated: its traces have a frame of
# "<case>" (comprehensions and functions called from it included), and the
# frame CPython makes to run it (3.9 allocates one per new code object) does not.
OWN = [tracemalloc.Filter(True, "<case>", all_frames=True)]

def traced(code, namespace):
    tracemalloc.start(64)
    try:
        value = eval(code, namespace)
        snapshot = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    del value
    return sum(trace.size for trace in snapshot.filter_traces(OWN).traces)

${PYTHON_CASE_LOOP}

def allocation(case, namespace):
    exec(compile(case.get("setup") or "", "<setup>", "exec"), namespace)
    code = compile(case["expression"], "<case>", "eval")
    return {"allocated": traced(code, namespace)}

results = measured_cases(allocation)
print(json.dumps({"version": "%d.%d" % sys.version_info[:2], "results": results}))
`;

/** Measures every case in one process of `python`, in order. */
export function measureAllocations(cases: readonly SizeCase[], python = 'python3'): AllocationMeasurements {
  return runPythonJson<AllocationMeasurements>(
    MEASURE,
    cases.map((sizeCase) => ({ setup: sizeCase.setup, expression: sizeCase.expression, module: sizeCase.module })),
    python,
  );
}
