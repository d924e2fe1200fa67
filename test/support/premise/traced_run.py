"""Runs one snippet under tracemalloc, as a rule's measured premise does.

Reads a request as JSON on stdin and prints the run as JSON:

  {"setup": code run first, untraced (the data the snippet reads),
   "code": the code measured,
   "sinks": names bound to a function that folds its arguments into the
            output digest (print, handle): output without holding it,
   "results": expressions whose values are fingerprinted after tracing stops,
   "figures": {name: expression} evaluated after tracing stops, as numbers}

  -> {"peak": highest traced bytes while the code ran, above the start,
      "held": bytes still traced when it ended, above the start,
      "output": sha256 of what the sinks were given, in order,
      "results": [{"fingerprint": ..., "bytes": data bytes or null}],
      "figures": {name: number},
      "interpreter": "3.11.2, numpy 1.24.2, pandas 1.5.3" (those of numpy, pandas,
                      scipy and requests it imported)}

Each run wants a process of its own: what an earlier run left allocated,
cached or imported would move the next one's peak. scripts/mem201-peaks.py
imports `traced` to measure its cases the same way.
"""
import hashlib
import json
import sys
import tracemalloc


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def fingerprint(value):
    """Type, dtype, shape and a hash of the data for arrays and frames; a hash of the repr of anything else."""
    np = sys.modules.get("numpy")
    pd = sys.modules.get("pandas")
    if np is not None and isinstance(value, np.ndarray):
        # An object array's bytes are pointers: its items' reprs say what it holds.
        data = repr(value.tolist()).encode() if value.dtype.hasobject else np.ascontiguousarray(value).tobytes()
        return "ndarray %s %s %s" % (value.dtype, value.shape, _sha256(data))
    if pd is not None and isinstance(value, (pd.DataFrame, pd.Series)):
        data = _sha256(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
        if isinstance(value, pd.Series):
            return "Series %r %s %s %s" % (value.name, value.dtype, value.shape, data)
        dtypes = [str(dtype) for dtype in value.dtypes]
        return "DataFrame %s %s %s %s" % ([str(column) for column in value.columns], dtypes, value.shape, data)
    return "%s %s" % (type(value).__name__, _sha256(repr(value).encode()))


def data_bytes(value):
    """The bytes of an array's or a frame's data (index included, as pandas counts it shallowly); None for other values."""
    np = sys.modules.get("numpy")
    pd = sys.modules.get("pandas")
    if np is not None and isinstance(value, np.ndarray):
        return int(value.nbytes)
    if pd is not None and isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True).sum())
    if pd is not None and isinstance(value, pd.Series):
        return int(value.memory_usage(index=True))
    return None


def _interpreter():
    versions = ["%d.%d.%d" % sys.version_info[:3]]
    for name in ("numpy", "pandas", "scipy", "requests"):
        module = sys.modules.get(name)
        if module is not None:
            versions.append("%s %s" % (name, module.__version__))
    return ", ".join(versions)


def traced(request):
    output = hashlib.sha256()

    # No tuple or list made per call: under tracemalloc they doubled the time
    # of a loop that prints 10^5 times.
    def sink(*args, **kwargs):
        output.update(repr(args).encode())
        if kwargs:
            output.update(repr(sorted(kwargs.items())).encode())

    namespace = {"__name__": "__main__"}
    for name in request.get("sinks", []):
        namespace[name] = sink
    exec(compile(request.get("setup", ""), "<setup>", "exec"), namespace)
    # Compiled before tracing: the code object is not part of what the code holds.
    code = compile(request["code"], "<code>", "exec")
    # No gc.collect() first: a full collection empties CPython's free lists, and
    # the measured code would then pay for objects a program reuses from them.
    tracemalloc.start()
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    exec(code, namespace)
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results = []
    for expression in request.get("results", []):
        value = eval(expression, namespace)
        results.append({"fingerprint": fingerprint(value), "bytes": data_bytes(value)})
    figures = {name: eval(expression, namespace) for name, expression in request.get("figures", {}).items()}
    return {
        "peak": peak - start,
        "held": held - start,
        "output": output.hexdigest(),
        "results": results,
        "figures": figures,
        "interpreter": _interpreter(),
    }


if __name__ == "__main__":
    print(json.dumps(traced(json.load(sys.stdin))))
