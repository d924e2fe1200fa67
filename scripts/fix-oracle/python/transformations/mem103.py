"""MEM103 (list-of-range): `list(range(…))` → `range(…)`, the range call as it was."""
import ast

from .shapes import call_of, is_builtin


def range_unwrapped(original, fixed, compare):
    arguments = call_of(original, "list")
    if not arguments:
        return None
    inner = arguments[0]
    is_range = isinstance(inner, ast.Call) and is_builtin(inner.func, "range")
    if is_range and isinstance(fixed, ast.Call) and is_builtin(fixed.func, "range"):
        return compare(inner, fixed)
    return None


TRANSFORMATIONS = (range_unwrapped,)
