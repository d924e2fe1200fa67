"""Print the names `from MODULE import *` binds, one a line, under this Python.

server/src/semantics/starExports.ts lists them for pandas and numpy, from the
versions its comment names: run this under each and compare.

    python3 scripts/star-exports.py numpy
"""

import sys

namespace = {}
exec(f"from {sys.argv[1]} import *", namespace)
for name in sorted(namespace):
    if name != "__builtins__":
        print(name)
