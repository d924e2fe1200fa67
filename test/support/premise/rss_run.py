"""Runs one snippet and measures the process's resident memory, as a premise
does for memory that neither tracemalloc nor malloc's counts see whole.

pandas' C parser tokenizes a CSV into buffers it takes from malloc and grows
with realloc: tracemalloc does not trace them, and mallinfo2() counts the
address space a grown buffer maps, touched or not. The resident set counts
the pages used. This runner resets the kernel's high-water mark of the
process's resident set (writing 5 to /proc/self/clear_refs, Linux 4.0 and
later) after the setup, runs the code, and reads the mark (VmHWM). rssRun.ts
runs it with a fixed mmap threshold (MALLOC_MMAP_THRESHOLD_): glibc otherwise
raises the threshold as large blocks are freed, serves later ones from its
heap, and keeps freed heap pages resident, which the mark would count.

Reads a request as JSON on stdin and prints the run as JSON:

  {"setup": code run first, unmeasured (imports, the data),
   "code": the code measured,
   "figures": {name: expression} evaluated after the run, as numbers}

  -> {"peak": the highest resident set while the code ran, above the start,
      "held": the resident set when it ended, above the start (freed memory
              malloc keeps for reuse counts here: a noisy figure),
      "figures": {name: number},
      "interpreter": "3.11.2, numpy 1.24.2, pandas 1.5.3" (those imported)}
"""
import gc
import json
import re
import sys


def _status(field):
    with open("/proc/self/status") as status:
        return int(re.search(field + r":\s+(\d+) kB", status.read()).group(1)) * 1024


def _interpreter():
    versions = ["%d.%d.%d" % sys.version_info[:3]]
    for name in ("numpy", "pandas"):
        module = sys.modules.get(name)
        if module is not None:
            versions.append("%s %s" % (name, module.__version__))
    return ", ".join(versions)


def measured(request):
    namespace = {"__name__": "__main__"}
    exec(compile(request.get("setup", ""), "<setup>", "exec"), namespace)
    code = compile(request["code"], "<code>", "exec")
    gc.collect()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    start = _status("VmRSS")
    exec(code, namespace)
    peak = _status("VmHWM")
    held = _status("VmRSS")
    figures = {name: eval(expression, namespace) for name, expression in request.get("figures", {}).items()}
    return {"peak": peak - start, "held": held - start, "figures": figures, "interpreter": _interpreter()}


if __name__ == "__main__":
    print(json.dumps(measured(json.load(sys.stdin))))
