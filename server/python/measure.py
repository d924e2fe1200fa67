"""Runs a Python script under tracemalloc and says which of its lines held memory.

    python3 measure.py --result RESULT.json --started STARTED [--timeout S] [--memory-limit MB] [--frames N] SCRIPT [ARG...]

The script runs as __main__ (runpy) with sys.argv = [SCRIPT, ARG...] and its own
directory first on sys.path, as `python3 SCRIPT ARG...` would run it. Its standard
output and error are left alone (the caller captures them); the result is one JSON
object written to RESULT.json, so that nothing the script prints can be mistaken
for it. STARTED is created first, before the script runs: a process that ends
without it was not a Python that could run this file, whereas one that ends with
it and without a result was ended by the script (os._exit) or the system.

Memory is attributed to the innermost line of SCRIPT in each allocation's
traceback, so a call into a library counts against the line that made the call.
The per-line figures are those of the snapshot taken when the traced memory was
highest among the points sampled: at each line of SCRIPT that runs, a snapshot is
taken whenever the traced memory has grown by a fifth since the last one (which
bounds the cost of all snapshots to about six times that of the largest), and once
more when the script ends. The overall peak is tracemalloc's own, exact.

Each line also lists its largest allocation sites: the frames between the line and
the allocation (innermost first, at most SITE_FRAMES of them), so that a line that
calls into a library says where inside the library its memory went.
"""

import argparse
import json
import linecache
import os
import resource
import runpy
import signal
import sys
import time
import traceback
import tracemalloc

# Growth of the traced memory, since the last snapshot, that earns a new one.
SNAPSHOT_GROWTH = 1.20
# Below this much traced memory, snapshots are cheap and tell nothing yet.
SNAPSHOT_FLOOR = 64 * 1024
TRACER_FILE = os.path.abspath(__file__)
# Allocation sites kept per line, largest first, and frames shown per site.
SITES_PER_LINE = 5
SITE_FRAMES = 4
# Source text of a frame, cut to this many characters.
CODE_WIDTH = 120


class TimeLimitExceeded(BaseException):
    """Raised in the script by the timer; a BaseException so that `except Exception` does not swallow it."""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="measure.py")
    parser.add_argument("--result", required=True, help="file the JSON result is written to")
    parser.add_argument("--started", required=True, help="file created once the tracer runs, before the script does")
    parser.add_argument("--timeout", type=float, default=0, help="seconds the script may run (0: no limit)")
    parser.add_argument("--memory-limit", type=float, default=0, help="MiB of address space for the whole process (0: no limit)")
    parser.add_argument("--frames", type=int, default=32, help="frames tracemalloc keeps per allocation")
    parser.add_argument("script")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    return parser.parse_args(argv)


class PeakSampler:
    """Keeps the snapshot with the most traced memory; reads it once tracing has stopped.

    Grouping a million traces in Python while tracemalloc still traces takes many
    seconds (every int the loop makes is traced); after tracemalloc.stop() it takes
    one. So the snapshot is only taken while the script runs (C code, untraced) and
    read at the end.
    """

    def __init__(self, script):
        self.script = script
        self.snapshot = None
        self.snapshot_current = 0

    def sample(self):
        current = tracemalloc.get_traced_memory()[0]
        if current < SNAPSHOT_FLOOR or current <= self.snapshot_current * SNAPSHOT_GROWTH:
            return
        self.take(current)

    def take(self, current=None):
        if current is None:
            current = tracemalloc.get_traced_memory()[0]
        if self.snapshot is not None and current <= self.snapshot_current:
            return
        self.snapshot = None  # the old one goes before the new one comes, so that two are never held
        self.snapshot = tracemalloc.take_snapshot()
        self.snapshot_current = current

    def lines(self):
        """{line: Line} of the kept snapshot; call after tracemalloc.stop()."""
        lines = {}
        if self.snapshot is None:
            return lines
        for frames, size, count in traceback_totals(self.snapshot):
            index = next((index for index, (filename, _lineno) in enumerate(frames) if filename == self.script), None)
            if index is None or frames[index][1] < 1:
                continue  # not the script's, or made while its code object was set up (line 0)
            if any(filename == TRACER_FILE for filename, _lineno in frames[:index]):
                # The tracer's own bookkeeping: the trace function runs, and takes its snapshots, in
                # the script's frames, so its allocations would otherwise count against the line running.
                continue
            line = lines.get(frames[index][1])
            if line is None:
                line = lines[frames[index][1]] = Line()
            line.add(frames[:index], size, count)
        return lines

    def trace(self, frame, event, _arg):
        """sys.settrace's function: line events only in frames of the script."""
        if frame.f_code.co_filename != self.script:
            return None
        if event == "line":
            self.sample()
        return self.trace


class Line:
    """What one line of the script held: in all, and per allocation site."""

    def __init__(self):
        self.size = 0
        self.count = 0
        self.sites = {}

    def add(self, inner_frames, size, count):
        """inner_frames: the frames called from the line, innermost first; empty when the line allocated itself."""
        self.size += size
        self.count += count
        key = (tuple(inner_frames[:SITE_FRAMES]), len(inner_frames) > SITE_FRAMES)
        size_count = self.sites.setdefault(key, [0, 0])
        size_count[0] += size
        size_count[1] += count

    def top_sites(self):
        ranked = sorted(self.sites.items(), key=lambda item: (-item[1][0], item[0][0]))[:SITES_PER_LINE]
        return [
            {"frames": [frame_json(filename, lineno) for filename, lineno in frames], "moreFrames": more, "bytes": size, "count": count}
            for (frames, more), (size, count) in ranked
        ]


def frame_json(filename, lineno):
    code = linecache.getline(filename, lineno).strip()
    return {"file": filename, "line": lineno, "code": code if len(code) <= CODE_WIDTH else code[: CODE_WIDTH - 1] + "\u2026"}


def traceback_totals(snapshot):
    """(frames most recent first as (filename, lineno), bytes, count) per distinct traceback."""
    raw_traces = getattr(snapshot.traces, "_traces", None)
    if raw_traces is None:  # not CPython's layout: the public, slower way
        for statistic in snapshot.statistics("traceback"):
            yield tuple((frame.filename, frame.lineno) for frame in reversed(tuple(statistic.traceback))), statistic.size, statistic.count
        return
    # (domain, size, traceback, ...) with the traceback most recent frame first; equal tracebacks are one object.
    sizes = {}
    counts = {}
    tracebacks = {}
    for trace in raw_traces:
        key = id(trace[2])
        if key in sizes:
            sizes[key] += trace[1]
            counts[key] += 1
        else:
            sizes[key] = trace[1]
            counts[key] = 1
            tracebacks[key] = trace[2]
    for key, frames in tracebacks.items():
        yield frames, sizes[key], counts[key]


def limit_memory(megabytes):
    if megabytes <= 0:
        return
    soft_limit = int(megabytes * 1024 * 1024)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft_limit = min(soft_limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft_limit, hard))


def lift_memory_limit():
    """Gives back the address space, so that the result can be written after a MemoryError."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def start_timer(seconds):
    if seconds <= 0:
        return

    def expire(_signum, _frame):
        raise TimeLimitExceeded()

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def stop_timer():
    signal.setitimer(signal.ITIMER_REAL, 0)


def script_traceback(error, script):
    """The traceback from the script's first frame on, without the tracer's and runpy's."""
    entries = traceback.extract_tb(error.__traceback__)
    first = next((index for index, entry in enumerate(entries) if entry.filename == script), None)
    failure = "".join(traceback.format_exception_only(type(error), error))
    if first is None:
        # Raised before any of the script's code ran (a SyntaxError: the error names its own place),
        # so all its frames are the tracer's and runpy's; python3 SCRIPT shows none either.
        return failure
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(entries[first:])) + failure


def run(options):
    script = os.path.abspath(options.script)
    sys.argv = [options.script, *options.args]
    sys.path[0] = os.path.dirname(script)
    sampler = PeakSampler(script)
    outcome = {"kind": "ok"}
    finished_namespace = None

    tracemalloc.start(max(1, options.frames))
    limit_memory(options.memory_limit)
    started = time.perf_counter()
    start_timer(options.timeout)
    sys.settrace(sampler.trace)
    try:
        finished_namespace = runpy.run_path(script, run_name="__main__")
    except TimeLimitExceeded:
        outcome = {"kind": "time-limit", "seconds": options.timeout}
    except MemoryError as error:
        sys.settrace(None)
        lift_memory_limit()
        text = script_traceback(error, script)
        if options.memory_limit > 0:
            outcome = {"kind": "memory-limit", "megabytes": options.memory_limit, "traceback": text}
        else:
            outcome = {"kind": "raised", "exception": "MemoryError", "message": str(error), "traceback": text}
    except SystemExit as exit_request:
        code = exit_request.code
        if code not in (None, 0):
            outcome = {"kind": "exited", "code": code if isinstance(code, int) else 1, "message": None if isinstance(code, int) else str(code)}
    except BaseException as error:  # the script's own failure, whatever it is, is the result
        outcome = {"kind": "raised", "exception": type(error).__name__, "message": str(error), "traceback": script_traceback(error, script)}
    finally:
        stop_timer()
        sys.settrace(None)
    elapsed = time.perf_counter() - started
    lift_memory_limit()
    if outcome["kind"] not in ("memory-limit",):
        # What the script still holds at its end counts too (its globals live on in finished_namespace).
        sampler.take()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del finished_namespace
    lines = sampler.lines()
    return {
        "version": 2,
        "script": script,
        "python": sys.version.split()[0],
        "outcome": outcome,
        "peakBytes": peak,
        "endBytes": current,
        "snapshotBytes": sampler.snapshot_current,
        "lines": [
            {"line": number, "bytes": line.size, "count": line.count, "sites": line.top_sites()}
            for number, line in sorted(lines.items(), key=lambda item: (-item[1].size, item[0]))
        ],
        "maxRssBytes": max_rss_bytes(),
        "seconds": elapsed,
    }


def max_rss_bytes():
    """The process's largest resident set: the interpreter and the tracer included."""
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max_rss if sys.platform == "darwin" else max_rss * 1024  # macOS counts bytes, Linux KiB


def write_result(path, result):
    temporary = path + ".partial"
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(result, file)
    os.replace(temporary, path)


def main():
    options = parse_arguments(sys.argv[1:])
    open(options.started, "w").close()
    if not os.path.isfile(options.script):
        write_result(options.result, {"version": 2, "script": os.path.abspath(options.script), "python": sys.version.split()[0], "outcome": {"kind": "not-found"}, "peakBytes": 0, "endBytes": 0, "snapshotBytes": 0, "lines": [], "maxRssBytes": 0, "seconds": 0})
        return
    write_result(options.result, run(options))


if __name__ == "__main__":
    main()
