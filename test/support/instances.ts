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
    # Before 3.11 each instance's __dict__ would come from the dict free list, allocated before tracing.
    drained = [{} for _ in range(200)]
    tracemalloc.start()
    for i in range(count):
        holder[i] = make()
    used, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del drained
    return round(used / count)
results = []
for case in json.load(sys.stdin):
    namespace = {}
    exec(case["source"], namespace)
    code = compile(case["make"], "<make>", "eval")
    results.append(per_instance(lambda: eval(code, namespace)))
print(json.dumps(results))
`;

/** The bytes tracemalloc counts per instance for each case, in one process of `python`. */
export function measureInstances(cases: readonly InstanceCase[], python = 'python3'): number[] {
  return runPythonJson<number[]>(MEASURE_INSTANCES, cases, python);
}

/** A class setting `attributes` attributes to None in __init__, with `__slots__` naming them or without. */
export function classSource(attributes: number, slotted: boolean): string {
  const names = Array.from({ length: attributes }, (_, i) => `a${i}`);
  const slots = slotted ? `    __slots__ = (${names.map((name) => `"${name}",`).join(' ')})\n` : '';
  const body = names.map((name) => `        self.${name} = None\n`).join('') || '        pass\n';
  return `class C:\n${slots}    def __init__(self):\n${body}`;
}
