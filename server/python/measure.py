"""Runs a Python script under tracemalloc and says which of its lines held memory.

    python3 -c BOOTSTRAP measure.py --result RESULT.json --started STARTED [--progress PROGRESS] [--timeout S] [--memory-limit MB] [--frames N] SCRIPT [ARG...]
    python3 measure.py --result ... SCRIPT [ARG...]      (the same, a little slower: see below)

The script runs as __main__ with sys.argv = [SCRIPT, ARG...] and its own directory
first on sys.path, as `python3 SCRIPT ARG...` would run it. Its standard output and
error are left alone (the caller captures them); the result is one JSON object
written to RESULT.json, so that nothing the script prints can be mistaken for it.
STARTED is written first, before the script runs, with the interpreter's path and
version as JSON: a process that ends without it was not a Python that could run this
file, whereas one that ends with it and without a result was ended by the script
(os._exit) or the system, and STARTED still says which interpreter it was.

PROGRESS, when given, is rewritten every PROGRESS_SECONDS while the script runs with the
seconds run, the traced memory and its peak so far, as JSON, so that the caller can show
how far it is; and once more with "ending": true when the script has ended and the result
is being made. SIGTERM stops the script as the time limit does (the caller's Cancel): the
result is written, with what was measured until then, as the outcome "cancelled".

Memory is attributed to the innermost line of SCRIPT in each allocation's
traceback, so a call into a library counts against the line that made the call.
Each line gets two figures. The first is what it held in the snapshot taken when
the traced memory was highest among the points sampled; the second, "allocated" in
tracemalloc's sense, is what it still held when the script ended, from a snapshot
taken then, so that memory a line takes after the peak is not missed. The overall
peak is tracemalloc's own, exact.

What it costs. tracemalloc's own cost is per allocation and per frame it records, and
since Python 3.11 a frame costs the more the further into its code the frame is (the
line is found by reading the code's line table from its start). So:

- The script is not run under runpy (whose long functions would sit under every
  traceback) but by exec from the short BOOTSTRAP program given to `python3 -c`, so
  that the only frame below the script's is one that costs little.
- No trace function sees every line. Lines are sampled where memory can have grown: each
  line of the script is seen the first time it runs in each sampling period (SAMPLE_SECONDS),
  so code that runs once is seen line by line (a big list freed two lines later is still
  caught) and a loop is seen once per period. On Python 3.12+ this is sys.monitoring's
  LINE event on the script's code objects, disabled where it fired and re-enabled each
  period; before, sys.settrace with the line events of a frame switched off once a line
  repeats, and on again each period (which on 3.11 also gives every code object the line
  array that makes tracemalloc's frames cheap).
- A snapshot is taken at a sampled line when the traced memory has grown by a fifth
  (SNAPSHOT_GROWTH) since the last one, as long as the snapshots taken so far have cost
  at most SNAPSHOT_BUDGET of the CPU time run, plus SNAPSHOT_ALLOWANCE: a snapshot costs
  in proportion to the memory blocks alive, so a script that grows steadily would
  otherwise spend as long in snapshots as in its own code. Past the budget, one is still
  taken when the traced memory has doubled in a few big blocks (PeakSnapshots.sample).
  The snapshot with the most traced memory is kept, and dropped at the end when the end
  holds as much, so that two are held only when the peak came before the end.

A sampler thread wakes every SAMPLE_SECONDS: it re-enables the line events, takes a
snapshot if one is due (a script can grow inside one long line), and adds a point to
the timeline: the time, the traced memory, the process's resident set and the line of
the script running then. A sampled line at which the traced memory is higher than ever
adds a point too, so that the timeline's highest point is near the peak.

Each line also lists its largest allocation sites at the peak: the frames between the line and
the allocation (innermost first, at most SITE_FRAMES of them), so that a line that
calls into a library says where inside the library its memory went.
"""

import argparse
import array
import collections
import json
import linecache
import operator
import os
import resource
import signal
import sys
import threading
import time
import traceback
import tracemalloc
import types

# Growth of the traced memory, since the last snapshot, that earns a new one.
SNAPSHOT_GROWTH = 1.20
# Below this much traced memory, snapshots are cheap and tell nothing yet.
SNAPSHOT_FLOOR = 64 * 1024
# What snapshots taken while the script runs may cost: this share of the CPU time run, and
# SNAPSHOT_ALLOWANCE seconds more, so that a short script can afford one at its peak.
SNAPSHOT_BUDGET = 0.20
SNAPSHOT_ALLOWANCE = 0.05
# A snapshot's expected cost per byte of tracemalloc's own memory until one has been timed
# (300,000 dicts: 0.55 s for 128 MiB on a 2-core EPYC). It varies tenfold: a snapshot also
# turns each distinct traceback into tuples, and an import makes thousands of deep ones.
SNAPSHOT_SECONDS_PER_BYTE = 4e-9
# What a snapshot costs whatever its size, counted as this much more of that memory.
SNAPSHOT_FIXED_BYTES = 1024 * 1024
# How often the sampler thread wakes, and how often each line can be seen again.
SAMPLE_SECONDS = 0.005
# How often the sampler rewrites the progress file: a small file replaced twice a second.
PROGRESS_SECONDS = 0.5
# Points kept in the timeline: past this, neighbours are merged (the higher one kept).
TIMELINE_POINTS = 1000
TRACER_FILE = os.path.abspath(__file__)
# Allocation sites kept per line, largest first, and frames shown per site.
SITES_PER_LINE = 5
SITE_FRAMES = 4
# Source text of a frame, cut to this many characters.
CODE_WIDTH = 120
# Version 2 added the allocation sites of each line, version 3 what each line still held at the end,
# version 4 the timeline and how the run was sampled, version 5 the interpreter's path.
RESULT_VERSION = 5


class TimeLimitExceeded(BaseException):
    """Raised in the script by the timer; a BaseException so that `except Exception` does not swallow it."""


class MeasureCancelled(BaseException):
    """Raised in the script on SIGTERM, the caller's Cancel; a BaseException for the same reason."""


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="measure.py")
    parser.add_argument("--result", required=True, help="file the JSON result is written to")
    parser.add_argument("--started", required=True, help="file created once the tracer runs, before the script does")
    parser.add_argument("--progress", help="file rewritten with the seconds run and the traced memory while the script runs")
    parser.add_argument("--timeout", type=float, default=0, help="seconds the script may run (0: no limit)")
    parser.add_argument("--memory-limit", type=float, default=0, help="MiB of address space for the whole process (0: no limit)")
    parser.add_argument("--frames", type=int, default=32, help="frames tracemalloc keeps per allocation")
    parser.add_argument("script")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    return parser.parse_args(argv)


class PeakSnapshots:
    """Keeps the snapshot with the most traced memory, to be read (script_lines) once tracing has stopped.

    Grouping a million traces in Python while tracemalloc still traces takes many
    seconds (every int the loop makes is traced); after tracemalloc.stop() it takes
    a fraction of one. So the snapshot is only taken while the script runs (C code,
    untraced) and read at the end.
    """

    def __init__(self, timeline):
        self.timeline = timeline
        self.highest = 0
        self.snapshot = None
        self.snapshot_current = 0
        self.taken = 0
        self.seconds = 0.0
        self.seconds_per_byte = SNAPSHOT_SECONDS_PER_BYTE
        self.snapshot_bookkeeping = 1
        # CPU time, the process's and the snapshot's own: a busy machine stretches the clock, not them.
        self.started = time.process_time()
        # Held while a snapshot is taken, by the script's thread or the sampler's; never waited for.
        self.lock = threading.Lock()

    def sample(self, line):
        """line: the script's line running, 0 when unknown."""
        current = tracemalloc.get_traced_memory()[0]
        if current > self.highest:  # a new high goes on the timeline, whenever the sampler's next point comes
            self.highest = current
            self.timeline.add_now(current, line)
        if current < SNAPSHOT_FLOOR or current <= self.snapshot_current * SNAPSHOT_GROWTH:
            return
        # A snapshot costs in proportion to the traces it copies, as does tracemalloc's own memory:
        # take it if it fits the budget at the highest cost per byte of that memory seen yet, or,
        # past the budget, if the traced memory has doubled since the last one and grown at least
        # twice as fast as that memory (big blocks: arrays, buffers), so that a growth in a few big
        # blocks is seen at each doubling while a loop of small ones is not snapshotted again.
        bookkeeping = tracemalloc.get_tracemalloc_memory()
        expected = self.seconds_per_byte * (bookkeeping + SNAPSHOT_FIXED_BYTES)
        if self.seconds + expected > SNAPSHOT_ALLOWANCE + SNAPSHOT_BUDGET * (time.process_time() - self.started):
            growth = current / self.snapshot_current if self.snapshot_current else 0
            if growth < 2 or bookkeeping / self.snapshot_bookkeeping > growth / 2:
                return
        if not self.lock.acquire(False):
            return
        try:
            began = time.thread_time()
            self.snapshot = None  # the old one goes before the new one comes, so that two are never held
            self.snapshot_current = 0
            try:
                self.snapshot = tracemalloc.take_snapshot()
            except MemoryError:
                return  # under --memory-limit: the script's own MemoryError, if any, is its to raise
            self.snapshot_current = current
            self.taken += 1
            cost = time.thread_time() - began
            self.seconds += cost
            self.snapshot_bookkeeping = bookkeeping
            self.seconds_per_byte = max(self.seconds_per_byte, cost / (bookkeeping + SNAPSHOT_FIXED_BYTES))
        finally:
            self.lock.release()

    def drop(self):
        self.snapshot = None
        self.snapshot_current = 0

    def offer(self, snapshot, current):
        """Keeps a snapshot taken elsewhere (the one at the end) if it holds at least as much as the kept one."""
        if self.snapshot is None or current >= self.snapshot_current:
            self.snapshot = snapshot
            self.snapshot_current = current


def script_code_objects(code):
    """The code object of the script and those nested in it: its functions, classes and comprehensions."""
    found = [code]
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            found.extend(script_code_objects(constant))
    return found


class MonitoredLines:
    """Python 3.12+: sys.monitoring's LINE event on the script's code objects, each disabled where it fired until the next period."""

    def __init__(self, codes, snapshots):
        monitoring = sys.monitoring
        self.codes = codes
        self.snapshots = snapshots
        self.tool = next((tool for tool in (monitoring.PROFILER_ID, 3, 4) if monitoring.get_tool(tool) is None), None)
        if self.tool is None:
            return  # every tool taken (by the script's own debugger or profiler): the sampler thread alone samples
        monitoring.use_tool_id(self.tool, "memhints")
        monitoring.register_callback(self.tool, monitoring.events.LINE, self.line)

    def start(self):
        if self.tool is not None:
            for code in self.codes:
                sys.monitoring.set_local_events(self.tool, code, sys.monitoring.events.LINE)

    def line(self, _code, line_number):
        self.snapshots.sample(line_number)
        return sys.monitoring.DISABLE

    def rearm(self, _main_frame):
        if self.tool is not None:
            sys.monitoring.restart_events()

    def stop(self):
        if self.tool is None:
            return
        monitoring = sys.monitoring
        for code in self.codes:
            monitoring.set_local_events(self.tool, code, 0)
        monitoring.register_callback(self.tool, monitoring.events.LINE, None)
        monitoring.free_tool_id(self.tool)
        self.tool = None


class TracedLines:
    """Python 3.9-3.11: sys.settrace in the script's frames, each line seen once per period.

    A frame entered again in the same period gets no trace function, and a frame whose
    line repeats (a loop) stops getting line events; rearm() gives both back to the
    frames on the main thread's stack.
    """

    def __init__(self, codes, snapshots):
        # Told apart by file name, which costs a pointer comparison: a code object's hash is
        # computed from its contents each time, and "call" comes for every Python call.
        self.script = codes[0].co_filename if codes else None
        self.snapshots = snapshots
        self.seen_codes = set()
        self.seen_lines = set()

    def start(self):
        sys.settrace(self.call)

    def call(self, frame, _event, _arg):
        code = frame.f_code
        if code.co_filename != self.script or code in self.seen_codes:
            return None
        self.seen_codes.add(code)
        return self.line

    def line(self, frame, event, _arg):
        if event == "line":
            place = (frame.f_code, frame.f_lineno)
            if place in self.seen_lines:
                frame.f_trace_lines = False
            else:
                self.seen_lines.add(place)
                self.snapshots.sample(place[1])
        return self.line

    def rearm(self, main_frame):
        self.seen_codes.clear()
        self.seen_lines.clear()
        frame = main_frame
        while frame is not None:
            if frame.f_code.co_filename == self.script:
                frame.f_trace = self.line
                frame.f_trace_lines = True
            frame = frame.f_back

    def stop(self):
        sys.settrace(None)


class Timeline:
    """Points (seconds, traced bytes, resident bytes, line) at most TIMELINE_POINTS, the highest of neighbours kept."""

    def __init__(self, started, resident_set):
        self.started = started
        self.resident_set = resident_set
        # add() comes from the sampler thread and from the script's line events.
        self.lock = threading.Lock()
        self.seconds = array.array("d")
        self.traced = array.array("d")
        self.resident = array.array("d")  # -1: not known
        self.lines = array.array("l")  # 0: no line of the script running
        self.spacing = SAMPLE_SECONDS

    def add_now(self, traced, line):
        self.add(time.perf_counter() - self.started, traced, self.resident_set.bytes(), line)

    def add(self, seconds, traced, resident, line):
        # Never waited for: a child forked while the sampler held it would wait forever.
        if self.lock.acquire(False):
            try:
                self.add_point(seconds, traced, resident, line)
            finally:
                self.lock.release()

    def add_point(self, seconds, traced, resident, line):
        if self.seconds and seconds - self.seconds[-1] < self.spacing:
            if traced > self.traced[-1]:  # within the last point's span: keep the higher
                self.seconds[-1], self.traced[-1], self.resident[-1], self.lines[-1] = seconds, traced, resident, line
            return
        self.seconds.append(seconds)
        self.traced.append(traced)
        self.resident.append(resident)
        self.lines.append(line)
        if len(self.seconds) >= TIMELINE_POINTS:
            self.halve()

    def halve(self):
        keep = [index if self.traced[index] >= self.traced[index + 1] else index + 1 for index in range(0, len(self.seconds) - 1, 2)]
        if len(self.seconds) % 2:
            keep.append(len(self.seconds) - 1)
        for name in ("seconds", "traced", "resident", "lines"):
            column = getattr(self, name)
            setattr(self, name, array.array(column.typecode, (column[index] for index in keep)))
        self.spacing *= 2

    def json(self):
        return [
            {"seconds": round(seconds, 4), "tracedBytes": int(traced), "rssBytes": None if resident < 0 else int(resident), "line": line or None}
            for seconds, traced, resident, line in zip(self.seconds, self.traced, self.resident, self.lines)
        ]


class ResidentSet:
    """The process's resident set now, from /proc/self/statm where there is one (Linux)."""

    def __init__(self):
        try:
            self.file = os.open("/proc/self/statm", os.O_RDONLY)
        except OSError:
            self.file = None
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def bytes(self):
        if self.file is None:
            return -1
        try:
            return int(os.pread(self.file, 128, 0).split()[1]) * self.page
        except (OSError, ValueError, IndexError):
            return -1

    def close(self):
        if self.file is not None:
            os.close(self.file)
            self.file = None


class Progress:
    """The progress file: how long the script has run and how much memory it holds, rewritten whole each time."""

    def __init__(self, path):
        self.path = path

    def write(self, started, ending=False):
        current, peak = tracemalloc.get_traced_memory() if tracemalloc.is_tracing() else (0, 0)
        text = '{"seconds": %.3f, "tracedBytes": %d, "peakBytes": %d, "ending": %s}' % (
            time.perf_counter() - started, current, peak, "true" if ending else "false")
        try:
            with open(self.path + ".partial", "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(self.path + ".partial", self.path)
        except (OSError, MemoryError):
            pass  # progress is for show: a failed write (past --memory-limit too) must not end the run


def running_line(frame, script):
    """The line of the script that a thread's stack is in (its innermost frame of the script), or 0."""
    while frame is not None:
        if frame.f_code.co_filename == script:
            return frame.f_lineno or 0
        frame = frame.f_back
    return 0


class Sampler(threading.Thread):
    """Every SAMPLE_SECONDS: the line events back on, a snapshot if one is due, a point on the timeline."""

    def __init__(self, script, lines, snapshots, timeline, progress):
        super().__init__(name="memhints-sampler", daemon=True)
        self.script = script
        self.lines = lines
        self.snapshots = snapshots
        self.timeline = timeline
        self.progress = progress
        self.main = threading.main_thread().ident
        self.stopping = threading.Event()

    def run(self):
        next_progress = 0.0
        while not self.stopping.wait(SAMPLE_SECONDS):
            self.sample()
            if self.progress is not None and time.perf_counter() >= next_progress:
                self.progress.write(self.timeline.started)
                next_progress = time.perf_counter() + PROGRESS_SECONDS

    def sample(self):
        frame = sys._current_frames().get(self.main)
        self.lines.rearm(frame)
        line = running_line(frame, self.script)
        del frame  # a frame held here would keep the script's locals alive
        self.snapshots.sample(line)
        self.timeline.add_now(tracemalloc.get_traced_memory()[0], line)

    def stop(self):
        self.stopping.set()
        if self.is_alive():
            self.join()


def script_lines(snapshot, script):
    """{line: Line} of a snapshot, each allocation charged to the innermost line of the script in its traceback.

    Call after tracemalloc.stop(): grouping the traces while tracing goes on is many times slower.
    """
    lines = {}
    if snapshot is None:
        return lines
    for frames, size, count in traceback_totals(snapshot):
        index = next((index for index, (filename, _lineno) in enumerate(frames) if filename == script), None)
        if index is None or frames[index][1] < 1:
            continue  # not the script's, or made while its code object was set up (line 0)
        if any(filename == TRACER_FILE for filename, _lineno in frames[:index]):
            # The tracer's own bookkeeping: its line callbacks run, and take their snapshots, in
            # the script's frames, so their allocations would otherwise count against the line running.
            continue
        line = lines.get(frames[index][1])
        if line is None:
            line = lines[frames[index][1]] = Line()
        line.add(frames[:index], size, count)
    return lines


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
    # (domain, size, traceback, ...) with the traceback most recent frame first; equal tracebacks are
    # one object. Counted in C by (traceback, size): blocks of one traceback mostly share a few sizes.
    traceback_of = operator.itemgetter(2)
    by_size = collections.Counter(zip(map(id, map(traceback_of, raw_traces)), map(operator.itemgetter(1), raw_traces)))
    tracebacks = dict(zip(map(id, map(traceback_of, raw_traces)), map(traceback_of, raw_traces)))
    sizes = {}
    counts = {}
    for (key, size), count in by_size.items():
        sizes[key] = sizes.get(key, 0) + size * count
        counts[key] = counts.get(key, 0) + count
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


def cancel(_signum, _frame):
    raise MeasureCancelled()


def script_traceback(error, script):
    """The traceback from the script's first frame on, without the tracer's and the bootstrap's."""
    entries = traceback.extract_tb(error.__traceback__)
    first = next((index for index, entry in enumerate(entries) if entry.filename == script), None)
    failure = "".join(traceback.format_exception_only(type(error), error))
    if first is None:
        # Raised before any of the script's code ran (a SyntaxError: the error names its own place),
        # so all its frames are the tracer's; python3 SCRIPT shows none either.
        return failure
    return "Traceback (most recent call last):\n" + "".join(traceback.format_list(entries[first:])) + failure


def main_module(script):
    """A fresh __main__ for the script, set up as runpy.run_path sets it up (exec adds __builtins__)."""
    module = types.ModuleType("__main__")
    module.__dict__.update(__name__="__main__", __file__=script, __cached__=None, __doc__=None, __loader__=None, __package__=None, __spec__=None)
    return module


class ScriptRun:
    """One measured run: set up before the script, told how it ended, and writing the result.

    The bootstrap runs exec(run.compiled(), run.namespace) between the two, so that no
    frame of the tracer's lies under the script's.
    """

    def __init__(self, argv):
        self.options = parse_arguments(argv)
        write_result(self.options.started, interpreter_json())
        self.script = os.path.abspath(self.options.script)
        if not os.path.isfile(self.options.script):
            write_result(self.options.result, empty_result(self.script, {"kind": "not-found"}))
            sys.exit(0)
        self.outcome = {"kind": "ok"}
        try:
            with open(self.script, "rb") as file:
                self.code = compile(file.read(), self.script, "exec", dont_inherit=True)
            self.compile_error = None
        except (SyntaxError, ValueError) as error:  # ValueError: a null byte in the source
            self.code = None
            self.compile_error = error
        sys.argv = [self.options.script, *self.options.args]
        sys.path[0] = os.path.dirname(self.script)
        self.module = main_module(self.script)
        self.namespace = self.module.__dict__
        self.previous_main = sys.modules.get("__main__")
        sys.modules["__main__"] = self.module
        self.frames = max(1, self.options.frames)
        self.resident = ResidentSet()
        self.started = time.perf_counter()
        self.timeline = Timeline(self.started, self.resident)
        self.snapshots = PeakSnapshots(self.timeline)
        codes = script_code_objects(self.code) if self.code is not None else []
        self.lines = (MonitoredLines if hasattr(sys, "monitoring") else TracedLines)(codes, self.snapshots)
        self.sampling = "sys.monitoring" if hasattr(sys, "monitoring") else "sys.settrace"
        tracemalloc.start(self.frames)
        self.snapshots.started = time.process_time()
        self.progress = Progress(self.options.progress) if self.options.progress else None
        self.sampler = Sampler(self.script, self.lines, self.snapshots, self.timeline, self.progress)
        self.sampler.start()  # before the memory limit: its stack is mapped now
        limit_memory(self.options.memory_limit)
        start_timer(self.options.timeout)
        signal.signal(signal.SIGTERM, cancel)
        self.lines.start()
        self.running = True

    def compiled(self):
        if self.compile_error is not None:
            raise self.compile_error
        return self.code

    def stop_watching(self):
        """Ends the timer and the line sampling as soon as the script has ended, whichever way."""
        if self.running:
            stop_timer()
            # A Cancel from now on would only cut short the writing of the result: the caller waits for it.
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            self.lines.stop()
            self.elapsed = time.perf_counter() - self.started
            self.running = False

    def failed(self, error):
        """The script raised (or exited): what it was, as the outcome."""
        self.stop_watching()
        script = self.script
        if isinstance(error, TimeLimitExceeded):
            self.outcome = {"kind": "time-limit", "seconds": self.options.timeout}
        elif isinstance(error, MeasureCancelled):
            self.outcome = {"kind": "cancelled"}
        elif isinstance(error, MemoryError):
            lift_memory_limit()
            text = script_traceback(error, script)
            if self.options.memory_limit > 0:
                self.outcome = {"kind": "memory-limit", "megabytes": self.options.memory_limit, "traceback": text}
            else:
                self.outcome = {"kind": "raised", "exception": "MemoryError", "message": str(error), "traceback": text}
        elif isinstance(error, SystemExit):
            code = error.code
            if code not in (None, 0):
                self.outcome = {"kind": "exited", "code": code if isinstance(code, int) else 1, "message": None if isinstance(code, int) else str(code)}
        else:  # the script's own failure, whatever it is, is the result
            self.outcome = {"kind": "raised", "exception": type(error).__name__, "message": str(error), "traceback": script_traceback(error, script)}

    def finish(self):
        self.stop_watching()
        self.sampler.stop()
        if self.progress is not None:
            self.progress.write(self.started, ending=True)
        lift_memory_limit()
        if self.previous_main is not None:
            sys.modules["__main__"] = self.previous_main
        # What the script still holds at its end (its globals live on in self.namespace).
        end_current = tracemalloc.get_traced_memory()[0]
        if self.outcome["kind"] != "memory-limit" and end_current >= self.snapshots.snapshot_current:
            self.snapshots.drop()  # the end's snapshot serves as the peak's: never two at once
        end_snapshot = tracemalloc.take_snapshot()
        if self.outcome["kind"] != "memory-limit":
            self.snapshots.offer(end_snapshot, end_current)  # the end is the peak when the script keeps its most to the end
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        self.timeline.add(self.elapsed, end_current, self.resident.bytes(), 0)
        self.resident.close()
        self.namespace = self.module = None
        at_peak = script_lines(self.snapshots.snapshot, self.script)
        at_end = at_peak if self.snapshots.snapshot is end_snapshot else script_lines(end_snapshot, self.script)
        del end_snapshot
        result = {
            "version": RESULT_VERSION,
            "script": self.script,
            **interpreter_json(),
            "outcome": self.outcome,
            "peakBytes": peak,
            "endBytes": end_current,
            "snapshotBytes": self.snapshots.snapshot_current,
            "lines": lines_json(at_peak, at_end),
            "maxRssBytes": max_rss_bytes(),
            "seconds": self.elapsed,
            "sampling": {"lines": self.sampling, "frames": self.frames, "snapshots": self.snapshots.taken, "snapshotSeconds": round(self.snapshots.seconds, 4)},
            "timeline": self.timeline.json(),
        }
        write_result(self.options.result, result)


def empty_result(script, outcome):
    return {
        "version": RESULT_VERSION,
        "script": script,
        **interpreter_json(),
        "outcome": outcome,
        "peakBytes": 0,
        "endBytes": 0,
        "snapshotBytes": 0,
        "lines": [],
        "maxRssBytes": 0,
        "seconds": 0,
        "sampling": None,
        "timeline": [],
    }


def interpreter_json():
    """The interpreter running: its version, and its path as it was started (a symlink keeps its own name)."""
    return {"python": sys.version.split()[0], "executable": sys.executable}


def lines_json(at_peak, at_end):
    """Every line that held memory at the peak or at the end; the sites are those at the peak.

    Ordered by the figure at the peak, then by the one at the end, so that lines whose memory came
    after the peak follow those that held it.
    """
    nothing = Line()
    numbers = set(at_peak) | set(at_end)

    def order(number):
        return (-at_peak.get(number, nothing).size, -at_end.get(number, nothing).size, number)

    return [
        {
            "line": number,
            "bytes": at_peak.get(number, nothing).size,
            "count": at_peak.get(number, nothing).count,
            "sites": at_peak.get(number, nothing).top_sites(),
            "allocatedBytes": at_end.get(number, nothing).size,
            "allocatedCount": at_end.get(number, nothing).count,
        }
        for number in sorted(numbers, key=order)
    ]


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
    """Run as `python3 measure.py ...`: the same as the bootstrap, with this module's frames under the script's."""
    run = ScriptRun(sys.argv[1:])
    try:
        exec(run.compiled(), run.namespace)
    except BaseException as error:
        run.failed(error)
    run.finish()


if __name__ == "__main__":
    main()
