"""MEM205 (quadratic-list-sum): `sum(parts, [])` / `sum(parts, ())` and
`reduce(add, parts[, start])` → `list(….from_iterable(parts))` /
`tuple(….from_iterable(parts))`, or `[item for part in parts for item in part]` /
`tuple(item for part in parts for item in part)`."""
import ast

from .shapes import call_of, is_name


def _parts(original):
    """What `sum(…)` or `reduce(…)` joins, or None."""
    if not isinstance(original, ast.Call):
        return None
    function = original.func
    name = function.attr if isinstance(function, ast.Attribute) else function.id if isinstance(function, ast.Name) else None
    if name == "sum" and original.args:
        return original.args[0]
    if name == "reduce" and len(original.args) >= 2:
        return original.args[1]
    return None


def _flattened(comprehension):
    """`parts` of `… item for part in parts for item in part`, or None."""
    if not isinstance(comprehension, (ast.ListComp, ast.GeneratorExp)) or len(comprehension.generators) != 2:
        return None
    outer, inner = comprehension.generators
    plain = not (outer.ifs or inner.ifs or outer.is_async or inner.is_async)
    if (
        plain
        and is_name(outer.target, "part")
        and is_name(inner.target, "item")
        and is_name(inner.iter, "part")
        and is_name(comprehension.elt, "item")
    ):
        return outer.iter
    return None


def _chained(call):
    """`parts` of `….from_iterable(parts)`, or None."""
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "from_iterable":
        return call.args[0] if len(call.args) == 1 and not call.keywords else None
    return None


def joined_once(original, fixed, compare):
    parts = _parts(original)
    if parts is None:
        return None
    joined = _flattened(fixed)
    if joined is None:
        wrapped = call_of(fixed, "list", "tuple")
        if wrapped:
            joined = _chained(wrapped[0]) or _flattened(wrapped[0])
    return compare(parts, joined) if joined is not None else None


TRANSFORMATIONS = (joined_once,)
