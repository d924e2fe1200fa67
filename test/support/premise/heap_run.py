"""Runs one snippet and measures the C heap, as a PyTorch rule's premise does.

tracemalloc sees only what Python allocates: a tensor's data and autograd's
graph live in memory that libtorch takes from malloc. This runner asks glibc
instead: mallinfo2() gives the bytes malloc has handed out and not had back,
in every arena and in the blocks it mapped on its own. Unlike the process's
RSS, that count does not depend on whether freed memory went back to the
system (glibc keeps freed heap memory that live blocks pin, and moves its
mmap threshold as it goes).

Reads a request as JSON on stdin and prints the run as JSON:

  {"setup": code run first, unmeasured (the model, the data),
   "code": the code measured,
   "figures": {name: expression} evaluated after the run, as numbers,
   "peak": whether to sample the peak (each sample takes mallinfo2 tens of
           microseconds, as long as walking malloc's free lists takes)}

  -> {"held": bytes malloc still had handed out when the code ended, above the start,
      "peak": the highest such count while it ran, sampled at every Python
              and C function call and return, above the start (null unless asked),
      "figures": {name: number},
      "interpreter": "3.11.2, torch 1.13.0a0"}

Python's small objects come from its own arenas, which it maps without
malloc: they are not in these counts (a float is 24 bytes), unless the
interpreter runs with PYTHONMALLOC=malloc, which takes each from malloc.
"""
import ctypes
import gc
import json
import sys


class _Mallinfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")
    ]


_libc = ctypes.CDLL(None)
_libc.mallinfo2.restype = _Mallinfo2


def in_use():
    """Bytes malloc has handed out: in its arenas (uordblks) and in blocks it mapped on its own (hblkhd)."""
    info = _libc.mallinfo2()
    return info.uordblks + info.hblkhd


def _interpreter():
    versions = ["%d.%d.%d" % sys.version_info[:3]]
    torch = sys.modules.get("torch")
    if torch is not None:
        versions.append("torch %s" % torch.__version__)
    return ", ".join(versions)


def measured(request):
    namespace = {"__name__": "__main__"}
    exec(compile(request.get("setup", ""), "<setup>", "exec"), namespace)
    code = compile(request["code"], "<code>", "exec")
    gc.collect()
    start = in_use()
    highest = [start]

    def sample(frame, event, arg):
        now = in_use()
        if now > highest[0]:
            highest[0] = now

    if request.get("peak"):
        sys.setprofile(sample)
    try:
        exec(code, namespace)
    finally:
        sys.setprofile(None)
    held = in_use()
    figures = {name: eval(expression, namespace) for name, expression in request.get("figures", {}).items()}
    return {
        "held": held - start,
        "peak": max(highest[0], held) - start if request.get("peak") else None,
        "figures": figures,
        "interpreter": _interpreter(),
    }


if __name__ == "__main__":
    print(json.dumps(measured(json.load(sys.stdin))))
