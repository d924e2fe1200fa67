# The cost of one program run for the bench's measure section (bench/tracerCost.ts):
# runs the command given as arguments, its output discarded, and prints as JSON its
# CPU time (user and system, its children included), its largest resident set and
# its wall time, as the kernel counted them (wait4).
import json
import os
import subprocess
import sys
import time

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_pid, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
error = child.stderr.read().decode("utf-8", "replace")
child.stderr.close()
print(json.dumps({
    "exitCode": os.waitstatus_to_exitcode(status),
    "cpuSeconds": usage.ru_utime + usage.ru_stime,
    "maxRssBytes": usage.ru_maxrss * 1024,  # Linux counts KiB
    "wallSeconds": wall,
    "stderr": error[-2000:],
}))
