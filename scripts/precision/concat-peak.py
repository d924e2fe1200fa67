"""Peak memory of growing an array or frame in a loop against collecting the pieces and combining once.

MEM204's advice is to collect the pieces in a list and combine them once. This measures, under
tracemalloc, the peak of both forms for the same result (10^6 rows of 10 float64 = 80 MB),
with 10 and 200 pieces, and filling a preallocated array for comparison. Run: python3 scripts/precision/concat-peak.py  (pandas is optional).
"""
import sys
import time
import tracemalloc

import numpy as np

ROWS, COLS = 1_000_000, 10


def grow_vstack(passes):
    out = None
    for _ in range(passes):
        piece = np.ones((ROWS // passes, COLS))
        out = piece if out is None else np.vstack((out, piece))
    return out


def list_vstack(passes):
    pieces = [np.ones((ROWS // passes, COLS)) for _ in range(passes)]
    return np.vstack(pieces)


def preallocated(passes):
    out = np.empty((ROWS, COLS))
    step = ROWS // passes
    for i in range(passes):
        out[i * step:(i + 1) * step] = np.ones((step, COLS))
    return out


def grow_concat(passes):
    out = None
    for _ in range(passes):
        piece = pd.DataFrame(np.ones((ROWS // passes, COLS)))
        out = piece if out is None else pd.concat([out, piece])
    return out


def list_concat(passes):
    pieces = [pd.DataFrame(np.ones((ROWS // passes, COLS))) for _ in range(passes)]
    return pd.concat(pieces)


def measure(build, passes):
    tracemalloc.start()
    started = time.perf_counter()
    result = build(passes)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = result.nbytes if hasattr(result, "nbytes") else result.memory_usage().sum()
    print(f"{build.__name__:12s} {passes:4d} pieces: result {size / 1e6:5.1f} MB, peak {peak / 1e6:6.1f} MB, {seconds:5.2f} s")


try:
    import pandas as pd
except ImportError:
    pd = None

print(f"Python {sys.version.split()[0]}, numpy {np.__version__}" + (f", pandas {pd.__version__}" if pd else ""))
for build in (grow_vstack, list_vstack, preallocated) + ((grow_concat, list_concat) if pd else ()):
    for passes in (10, 200):
        measure(build, passes)
