# The pandas side of the bench's data section (bench/pandasRead.ts): reads the
# file named on the command line as a program would, with pd.read_csv(path) or
# pd.read_parquet(path), and prints as JSON the wall time of the read, the peak RSS it added, what the
# frame holds (memory_usage(deep=True).sum()) and its rows.
import json
import platform
import resource
import sys
import time

import pandas as pd


def rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


path = sys.argv[1]
before = rss_bytes()
start = time.perf_counter()
frame = (pd.read_parquet if path.endswith(".parquet") else pd.read_csv)(path)
seconds = time.perf_counter() - start
# ru_maxrss is the process's peak so far, in KiB: importing pandas peaks well below a large read.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({
    "seconds": seconds,
    "peakAddedBytes": peak - before,
    "memoryUsageBytes": int(frame.memory_usage(deep=True).sum()),
    "rows": len(frame),
    "pandas": pd.__version__,
    "python": platform.python_version(),
}))
