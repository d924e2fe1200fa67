# The figures behind MEM201's documentation: the tracemalloc peak (above the
# start) and the time of each way a loop can grow a str or bytes value, and of
# its remedies, built from N parts of K characters.
#
#   python3 scripts/mem201-peaks.py CASE N K peak|time
#   python3 scripts/mem201-peaks.py all 100000 10 peak
#
# The documentation quotes N=100000, K=10 (a 1 MB result) under CPython 3.9,
# 3.11 and 3.13 (scripts/pythons/install.sh). The copying cases take seconds
# to a minute each at that size: their time grows with the square of N.
# Peaks are measured as the rules' premise tests measure them
# (test/support/premise/traced_run.py).
import os, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "support", "premise"))
from traced_run import traced

CASES = {

"local_genexp_cell": '''
def build(n):
    s = ""
    for i in range(n):
        s += "%0*d" % (K, i)
    total = sum(len(s) for _ in range(1))
    return s
RESULT = build(N)
''',
"local_class_cell": '''
def build(n):
    s = ""
    class Reader:
        def size(self):
            return len(s)
    for i in range(n):
        s += "%0*d" % (K, i)
    return s
RESULT = build(N)
''',

"attr_local": '''
class Builder:
    def __init__(self):
        self.s = ""
    def build(self, n):
        s = self.s
        for i in range(n):
            s += "%0*d" % (K, i)
        self.s = s
        return self.s
RESULT = Builder().build(N)
''',
"global_local": '''
s = ""
def build(n):
    global s
    text = s
    for i in range(n):
        text += "%0*d" % (K, i)
    s = text
build(N)
RESULT = s
''',
"local_comp_cell": '''
def build(n):
    s = ""
    for i in range(n):
        s += "%0*d" % (K, i)
    counts = [len(s) for _ in range(1)]
    return s
RESULT = build(N)
''',
"local_lambda_cell": '''
def build(n):
    s = ""
    size = lambda: len(s)
    for i in range(n):
        s += "%0*d" % (K, i)
    return s
RESULT = build(N)
''',
# function-local str
"local_iadd": '''
def build(n):
    s = ""
    for i in range(n):
        s += "%0*d" % (K, i)
    return s
RESULT = build(N)
''',
"local_plus": '''
def build(n):
    s = ""
    for i in range(n):
        s = s + "%0*d" % (K, i)
    return s
RESULT = build(N)
''',
"local_plus2": '''
def build(n):
    s = ""
    for i in range(n):
        s = s + "%0*d" % (K - 1, i) + "\\n"
    return s
RESULT = build(N)
''',
"local_iadd2": '''
def build(n):
    s = ""
    for i in range(n):
        s += "%0*d" % (K - 1, i) + "\\n"
    return s
RESULT = build(N)
''',
"local_join": '''
def build(n):
    parts = []
    for i in range(n):
        parts.append("%0*d" % (K, i))
    return "".join(parts)
RESULT = build(N)
''',
"local_stringio": '''
import io
def build(n):
    out = io.StringIO()
    for i in range(n):
        out.write("%0*d" % (K, i))
    return out.getvalue()
RESULT = build(N)
''',
"local_prepend": '''
def build(n):
    s = ""
    for i in range(n):
        s = "%0*d" % (K, i) + s
    return s
RESULT = build(N)
''',
"local_prepend_join": '''
def build(n):
    parts = []
    for i in range(n):
        parts.append("%0*d" % (K, i))
    parts.reverse()
    return "".join(parts)
RESULT = build(N)
''',
"local_alias": '''
def build(n):
    s = ""
    previous = s
    for i in range(n):
        previous = s
        s += "%0*d" % (K, i)
    return s
RESULT = build(N)
''',
"local_cell": '''
def build(n):
    s = ""
    def size():
        return len(s)
    for i in range(n):
        s += "%0*d" % (K, i)
    return s
RESULT = build(N)
''',
"nonlocal_iadd": '''
def build(n):
    s = ""
    def add(i):
        nonlocal s
        s += "%0*d" % (K, i)
    for i in range(n):
        add(i)
    return s
RESULT = build(N)
''',
"nonlocal_loop": '''
def build(n):
    s = ""
    def fill():
        nonlocal s
        for i in range(n):
            s += "%0*d" % (K, i)
    fill()
    return s
RESULT = build(N)
''',
# module level
"module_iadd": '''
s = ""
for i in range(N):
    s += "%0*d" % (K, i)
RESULT = s
''',
"module_join": '''
parts = []
for i in range(N):
    parts.append("%0*d" % (K, i))
s = "".join(parts)
RESULT = s
''',
"module_stringio": '''
import io
out = io.StringIO()
for i in range(N):
    out.write("%0*d" % (K, i))
s = out.getvalue()
RESULT = s
''',
"global_iadd": '''
s = ""
def build(n):
    global s
    for i in range(n):
        s += "%0*d" % (K, i)
build(N)
RESULT = s
''',
"class_body_iadd": '''
class Holder:
    s = ""
    for i in range(N):
        s += "%0*d" % (K, i)
RESULT = Holder.s
''',
# attributes and items
"attr_iadd": '''
class Builder:
    def __init__(self):
        self.s = ""
    def build(self, n):
        for i in range(n):
            self.s += "%0*d" % (K, i)
        return self.s
RESULT = Builder().build(N)
''',
"attr_join": '''
class Builder:
    def __init__(self):
        self.parts = []
    def build(self, n):
        for i in range(n):
            self.parts.append("%0*d" % (K, i))
        return "".join(self.parts)
RESULT = Builder().build(N)
''',
"item_iadd": '''
def build(n):
    d = {"k": ""}
    for i in range(n):
        d["k"] += "%0*d" % (K, i)
    return d["k"]
RESULT = build(N)
''',
# bytes
"bytes_local_iadd": '''
def build(n):
    b = b""
    for i in range(n):
        b += b"%0*d" % (K, i)
    return b
RESULT = build(N)
''',
"bytes_local_bytearray": '''
def build(n):
    b = bytearray()
    for i in range(n):
        b += b"%0*d" % (K, i)
    return b
RESULT = build(N)
''',
"bytes_local_bytearray_bytes": '''
def build(n):
    b = bytearray()
    for i in range(n):
        b += b"%0*d" % (K, i)
    return bytes(b)
RESULT = build(N)
''',
"bytes_local_join": '''
def build(n):
    parts = []
    for i in range(n):
        parts.append(b"%0*d" % (K, i))
    return b"".join(parts)
RESULT = build(N)
''',
"bytes_module_iadd": '''
b = b""
for i in range(N):
    b += b"%0*d" % (K, i)
RESULT = b
''',
"bytes_module_bytearray": '''
b = bytearray()
for i in range(N):
    b += b"%0*d" % (K, i)
RESULT = b
''',
}

def measure(case, n, k, mode):
    setup = "N = %d\nK = %d" % (n, k)
    if mode == "peak":
        run = traced({"setup": setup, "code": CASES[case], "figures": {"length": "len(RESULT)"}})
        return "%s peak %d B, result %d" % (case, run["peak"], run["figures"]["length"])
    namespace = {"__name__": "__case__"}
    exec(setup, namespace)
    code = compile(CASES[case], case, "exec")
    start = time.perf_counter()
    exec(code, namespace)
    return "%s %.4f s, result %d" % (case, time.perf_counter() - start, len(namespace["RESULT"]))


def main():
    case, n, k, mode = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    for name in CASES if case == "all" else [case]:
        print(measure(name, n, k, mode), flush=True)


main()
