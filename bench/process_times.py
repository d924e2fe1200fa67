"""Runs the commands read as a JSON list of argument lists on stdin, one after
the other, each a process of its own with its output thrown away, and prints
as JSON what each took: its wall time, and the user and system CPU time of
the process and its threads (its rusage, from wait4), with its exit status
and the end of its stderr."""
import json
import os
import subprocess
import sys
import tempfile
import time


def run(argv):
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        # Reaped here: Popen must not wait for it again.
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        return {
            "wallMs": wall * 1000,
            "userMs": usage.ru_utime * 1000,
            "systemMs": usage.ru_stime * 1000,
            "status": child.returncode,
            "stderr": errors.read()[-2000:].decode(errors="replace"),
        }


print(json.dumps([run(argv) for argv in json.load(sys.stdin)]))
