// Text-file estimates against CPython itself: python writes text files (ASCII
// logs, latin-1 and UCS-2 prose, one over the 1 MiB sample and one under it),
// then measures, each in a fresh interpreter, sys.getsizeof(open(p).read()),
// what tracemalloc sees open(p).readlines() keep, and
// sys.getsizeof(open(p, 'rb').read()). Estimates must be within 15%.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DataEstimateResult } from '../../server/src/data/dataEstimate';
import { estimateReadBytes, estimateReadLines, estimateReadText } from '../../server/src/data/textFiles';
import { CPYTHON } from '../../server/src/sizes/cpython';
import { dataFolder } from '../support/dataFiles';
import { forEachPython } from '../support/premise/interpreters';
import { runPythonJson } from '../support/python';

const TOLERANCE = 0.15;

const WRITE = String.raw`
import json, random, sys
folder = json.load(sys.stdin)
random.seed(7)
words = ["alpha", "beta", "gamma", "delta", "error", "request", "user", "id"]
def log_line(i):
    return "2024-01-01 12:%02d:%02d INFO %s %d %s\n" % (i % 60, i % 59, random.choice(words), i, " ".join(random.choices(words, k=random.randint(0, 12))))
files = {
    # About 6 MB: estimated from pieces of it.
    "log.txt": "".join(log_line(i) for i in range(100000)),
    # Latin-1 lines among ASCII ones, about 3 MB.
    "latin1.txt": "".join(("café crème %d\n" % i) if i % 3 == 0 else ("plain line number %d\n" % i) for i in range(150000)),
    # UCS-2 (Greek, CJK) lines with CRLF endings, about 2 MB.
    "ucs2.txt": "".join(("Ωμέγα 漢字 %d " % i) * (1 + i % 5) + "\r\n" for i in range(40000)),
    # Under the sample: read whole.
    "small.txt": "".join(log_line(i) for i in range(2000)),
}
for name, text in files.items():
    with open(folder + "/" + name, "w", encoding="utf-8", newline="") as f:
        f.write(text)
print(json.dumps(sorted(files)))
`;

const MEASURE = String.raw`
import json, sys, tracemalloc
path, how = json.load(sys.stdin)
if how == "read":
    print(sys.getsizeof(open(path).read()))
elif how == "readlines":
    with open(path) as f:
        tracemalloc.start()
        lines = f.readlines()
        print(tracemalloc.get_traced_memory()[0])
else:
    print(sys.getsizeof(open(path, "rb").read()))
`;

const READS = {
  read: estimateReadText,
  readlines: estimateReadLines,
  bytes: estimateReadBytes,
} as const;

forEachPython('text-file estimates are within 15% of CPython', ({ python, version }, context) => {
  const folder = dataFolder(`text-accuracy-${version}`);
  const layout = CPYTHON[version];
  const names = runPythonJson<string[]>(WRITE, folder, python);
  const errors: string[] = [];
  for (const name of names) {
    const path = join(folder, name);
    for (const [how, estimate] of Object.entries(READS)) {
      const result: DataEstimateResult = estimate(path, layout);
      assert.ok(result.estimate, `${name} ${how}: ${result.reason}`);
      // A fresh interpreter for each measurement, so that nothing cached by another skews tracemalloc.
      const truth = runPythonJson<number>(MEASURE, [path, how], python);
      const error = result.estimate.bytes / truth - 1;
      context.diagnostic(
        `${name} ${how}: estimate ${result.estimate.bytes}, measured ${truth}, error ${(100 * error).toFixed(2)}%`,
      );
      if (Math.abs(error) > TOLERANCE) errors.push(`${name} ${how}: ${(100 * error).toFixed(1)}%`);
    }
  }
  assert.deepEqual(errors, []);
});
