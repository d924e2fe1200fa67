"""What each read holds once run: pandas' memory_usage(deep=True).sum(), an
array's nbytes. Reads a JSON list of {"cwd", "before", "call"} on stdin: the
read's source text (e.g. 'pd.read_csv(DATA + "x.csv")') and the code cells
before it, whose plain constants (names bound to literals, paths joined from
them) are bound first. Runs each read from its folder and prints a JSON list of
{"bytes"} or {"error"} in the same order. Used by data-hovers.mjs."""

import ast
import json
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

NAMESPACE = {"pd": pd, "pandas": pd, "np": np, "numpy": np, "json": json, "os": os, "Path": Path}
# Calls a constant may be built with: nothing that reads or writes anything.
PURE_CALLS = {"os.path.join", "Path", "str", "list", "tuple", "range"}


def is_constant(node):
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and ast.unparse(child.func) not in PURE_CALLS:
            return False
        if isinstance(child, (ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield)):
            return False
    return True


def constants(cells):
    """Bind the module-level names the cells give plain constant values, in order."""
    names = dict(NAMESPACE)
    for cell in cells:
        lines = [line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!"))]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for statement in tree.body:
            if isinstance(statement, ast.Assign) and is_constant(statement.value):
                try:
                    exec(compile(ast.Module([statement], []), "<cell>", "exec"), names)
                except Exception:
                    pass
    return names


def held_bytes(value):
    if isinstance(value, (pd.DataFrame, pd.Series)):
        usage = value.memory_usage(deep=True)
        return int(usage.sum()) if isinstance(value, pd.DataFrame) else int(usage)
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if hasattr(value, "files"):  # an NpzFile: the members as loaded
        return sum(int(value[name].nbytes) for name in value.files)
    raise TypeError(f"a {type(value).__name__}")


def measure(read):
    try:
        os.chdir(read["cwd"])
        return {"bytes": held_bytes(eval(read["call"], constants(read["before"])))}
    except Exception as error:  # a read that names a computed path, a missing file…
        return {"error": f"{type(error).__name__}: {str(error)[:80]}"}


print(json.dumps([measure(read) for read in json.load(sys.stdin)]))
