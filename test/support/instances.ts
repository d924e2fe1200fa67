// Bytes per instance as python3 counts them with tracemalloc, once a program
// has made many instances of a class.
import { runPythonJson } from './python';

export interface InstanceCase {
  /** Python source defining the class (and whatever it needs). */
  readonly source: string;
  /** An expression that makes one instance, evaluated in the source's namespace. */
  readonly make: string;
}

const MEASURE_INSTANCES = String.raw`
import json, sys, tracemalloc
def per_instance(make, count=4000):
    for _ in range(100):
        make()  # the first instances of a class get larger value arrays
    holder = [None] * count
    tracemalloc.start()
    for i in range(count):
        holder[i] = make()
    used, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(used / count)
results = []
for case in json.load(sys.stdin):
    namespace = {}
    exec(case["source"], namespace)
    code = compile(case["make"], "<make>", "eval")
    results.append(per_instance(lambda: eval(code, namespace)))
print(json.dumps(results))
`;

/** The bytes tracemalloc counts per instance for each case, in one python3 process. */
export function measureInstances(cases: readonly InstanceCase[]): number[] {
  return runPythonJson<number[]>(MEASURE_INSTANCES, cases);
}
