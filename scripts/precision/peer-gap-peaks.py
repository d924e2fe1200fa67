"""Peak memory of the shapes the peers flag and memhints does not, against the rewrite each peer proposes.

docs/precision.md ("Recall on the peers' own fixtures") lists these shapes as gaps. Each pair is
run under tracemalloc from the same setup (1,000,000 shuffled ints unless said otherwise) and the
peak above the start of the statement is printed, in bytes.
Run: python3 scripts/precision/peer-gap-peaks.py
"""
import sys
import tracemalloc

N = 1_000_000
SHUFFLED = f"import random\nrandom.seed(1)\nxs = list(range({N}))\nrandom.shuffle(xs)"
DICT = f"d = dict.fromkeys(range({N}))\no = {{-1: 0}}"
ROWS = f"from itertools import chain\nrows = [[i] for i in range({N})]"
# 100,000 lines of 80 bytes in memory, as a parameter annotated io.BytesIO would hold them.
BUFFER = f"import io\nf = io.BytesIO(b''.join(b'%079d\\n' % i for i in range({N} // 10)))"

# (peer rule, setup, what the peer flags, what it proposes)
PAIRS = [
    ("FURB186", SHUFFLED, "xs = sorted(xs)", "xs.sort()"),
    ("FURB187", SHUFFLED, "xs = xs[::-1]", "xs.reverse()"),
    ("C415", SHUFFLED, "s = set(xs[::-1])", "s = set(reversed(xs))"),
    ("C415", SHUFFLED, "s = sorted(xs[::-1])", "s = sorted(reversed(xs))"),
    ("C414", SHUFFLED, "s = set(set(xs))", "s = set(xs)"),
    ("FURB137", SHUFFLED, "s = set({x * 3 for x in xs})", "s = set(x * 3 for x in xs)"),
    ("FURB185", DICT, "m = d.copy() | o", "m = d | o"),
    ("RUF015", SHUFFLED, "v = [*xs][0]", "v = next(iter(xs))"),
    ("RUF015", SHUFFLED, "v = list(xs).pop(0)", "v = next(iter(xs))"),
    ("FURB129", BUFFER, "for line in f.readlines(): pass", "for line in f: pass"),
    ("FURB179", ROWS, "c = chain(*rows)", "c = chain.from_iterable(rows)"),
]


def peak(setup, statement):
    scope = {}
    exec(setup, scope)
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    exec(statement, scope)
    top = tracemalloc.get_traced_memory()[1] - start
    tracemalloc.stop()
    return top


print(f"CPython {sys.version.split()[0]}")
for rule, setup, flagged, proposed in PAIRS:
    print(f"{rule:8s} {flagged:34s} {peak(setup, flagged):>12,d}   {proposed:32s} {peak(setup, proposed):>12,d}")
