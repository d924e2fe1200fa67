// json.load estimates against CPython itself: python writes JSON files (an
// array of 200,000 records over the 1 MiB sample, a nested document under
// it), then measures, in a fresh interpreter each, what tracemalloc sees
// json.load(open(p)) keep, and a deep sys.getsizeof walk of the result.
// Estimates must be within 15% of tracemalloc.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { estimateJsonLoad } from '../../server/src/data/jsonFile';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { dataFolder } from '../support/dataFiles';
import { forEachPython } from '../support/premise/interpreters';
import { runPythonJson } from '../support/python';

const TOLERANCE = 0.15;

const WRITE = String.raw`
import json, random, sys
folder = json.load(sys.stdin)
random.seed(11)
cities = ["Paris", "Zürich", "Kraków", "東京", "Lima", "Oslo"]
def record(i):
    return {"id": 100000 + i, "name": "user %d" % (i % 5000), "city": random.choice(cities),
            "score": random.random() * 100, "active": random.random() < 0.7,
            "tags": [random.randint(0, 999) for _ in range(random.randint(0, 6))], "note": None if i % 4 else "vip"}
documents = {
    "records.json": [record(i) for i in range(200000)],
    "nested.json": {"version": 3, "settings": {"name": "demo", "limits": [1.5, 2.5, 1e9]},
                    "groups": {("g%d" % g): {"members": [record(g * 10 + m) for m in range(30)], "owner": "u%d" % g} for g in range(60)}},
}
for name, value in documents.items():
    with open(folder + "/" + name, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False)
print(json.dumps(sorted(documents)))
`;

const MEASURE = String.raw`
import json, sys, tracemalloc
path = json.load(sys.stdin)
with open(path) as f:
    tracemalloc.start()
    value = json.load(f)
    traced = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
seen, walked, stack = set(), 0, [value]
while stack:
    item = stack.pop()
    if id(item) in seen:
        continue
    seen.add(id(item))
    walked += sys.getsizeof(item)
    if isinstance(item, dict):
        stack.extend(item.keys())
        stack.extend(item.values())
    elif isinstance(item, list):
        stack.extend(item)
print(json.dumps({"traced": traced, "walked": walked}))
`;

forEachPython('json.load estimates are within 15% of CPython', ({ python, version }, context) => {
  const folder = dataFolder(`json-accuracy-${version}`);
  const layout = CPYTHON[version];
  const errors: string[] = [];
  for (const name of runPythonJson<string[]>(WRITE, folder, python)) {
    const path = join(folder, name);
    const result = estimateJsonLoad(path, layout);
    assert.ok(result.estimate, `${name}: ${result.reason}`);
    const truth = runPythonJson<{ traced: number; walked: number }>(MEASURE, path, python);
    const error = result.estimate.bytes / truth.traced - 1;
    context.diagnostic(
      `${name}: estimate ${result.estimate.bytes} (rows ${result.estimate.rows}), tracemalloc ${truth.traced}, error ${(100 * error).toFixed(2)}%; deep getsizeof walk ${truth.walked}`,
    );
    if (Math.abs(error) > TOLERANCE) errors.push(`${name}: ${(100 * error).toFixed(1)}%`);
  }
  assert.deepEqual(errors, []);
});
