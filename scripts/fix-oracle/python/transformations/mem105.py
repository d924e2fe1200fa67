"""MEM105 (nested-copy): `outer(inner(x), …)` → `outer(x, …)` where outer is
`list`, `tuple`, `sorted`, `set` or `frozenset` and the inner copy `list`,
`tuple` or `sorted`; `list(sorted(…))` → `sorted(…)`."""
import ast

from .shapes import call_of, is_builtin, total

OUTER = ("list", "tuple", "sorted", "set", "frozenset")
INNER = ("list", "tuple", "sorted")


def inner_copy_dropped(original, fixed, compare):
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call) and is_builtin(original.func, *OUTER)):
        return None
    if not original.args or len(original.args) != len(fixed.args):
        return None
    copied = call_of(original.args[0], *INNER)
    if not copied:
        return None
    return total(
        compare(original.func, fixed.func),
        compare(copied[0], fixed.args[0]),
        compare(original.args[1:], fixed.args[1:]),
        compare(original.keywords, fixed.keywords),
    )


def outer_list_dropped(original, fixed, compare):
    arguments = call_of(original, "list")
    if not arguments:
        return None
    inner = arguments[0]
    if isinstance(inner, ast.Call) and is_builtin(inner.func, "sorted") and isinstance(fixed, ast.Call):
        return compare(inner, fixed)
    return None


TRANSFORMATIONS = (inner_copy_dropped, outer_list_dropped)
