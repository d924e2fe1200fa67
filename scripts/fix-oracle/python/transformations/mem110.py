"""MEM110 (item-of-materialised): `list(x)[0]` / `tuple(x)[0]` → `next(iter(x))`
(`next(x)` for an iterator); `[e for …][0]` → `next(e for …)`; `sorted(x, key=k,
reverse=r)[0]` / `[-1]` → `min(x, key=k)` / `max(x, key=k)`; `sorted(x, key=k,
reverse=r)[:n]` → `heapq.nsmallest(n, x, key=k)` / `nlargest`."""
import ast

from .shapes import call_of, is_builtin, is_int_literal, total


def _index(subscript):
    """0, -1, ('head', n) or None for what a subscript reads."""
    key = subscript.slice
    if is_int_literal(key, 0):
        return 0
    if isinstance(key, ast.UnaryOp) and isinstance(key.op, ast.USub) and is_int_literal(key.operand, 1):
        return -1
    if isinstance(key, ast.Slice) and key.lower is None and key.step is None and is_int_literal(key.upper):
        return ("head", key.upper.value)
    return None


def first_by_next(original, fixed, compare):
    if not isinstance(original, ast.Subscript) or _index(original) != 0:
        return None
    read = call_of(fixed, "next")
    if not read:
        return None
    value = original.value
    if isinstance(value, ast.ListComp) and isinstance(read[0], ast.GeneratorExp):
        return total(compare(value.elt, read[0].elt), compare(value.generators, read[0].generators))
    copied = call_of(value, "list", "tuple")
    if not copied:
        return None
    iterated = call_of(read[0], "iter")
    return compare(copied[0], iterated[0] if iterated else read[0])


def _sort_of(subscript):
    """(iterable, key keyword or None, reverse) of `sorted(…)[…]`, or None."""
    call = subscript.value
    if not (isinstance(call, ast.Call) and is_builtin(call.func, "sorted") and len(call.args) == 1):
        return None
    key, reverse = None, False
    for keyword in call.keywords:
        if keyword.arg == "key":
            key = keyword
        elif keyword.arg == "reverse" and isinstance(keyword.value, ast.Constant) and type(keyword.value.value) is bool:
            reverse = keyword.value.value
        else:
            return None
    return call.args[0], key, reverse


def least_or_greatest(original, fixed, compare):
    if not isinstance(original, ast.Subscript) or _index(original) not in (0, -1):
        return None
    sort = _sort_of(original)
    if not sort or not isinstance(fixed, ast.Call) or len(fixed.args) != 1:
        return None
    iterable, key, reverse = sort
    least = (_index(original) == 0) != reverse
    if not is_builtin(fixed.func, "min" if least else "max"):
        return None
    return total(compare(iterable, fixed.args[0]), compare([key] if key else [], fixed.keywords))


def first_few_by_heapq(original, fixed, compare):
    read = _index(original) if isinstance(original, ast.Subscript) else None
    sort = _sort_of(original) if isinstance(read, tuple) else None
    if not sort or not isinstance(fixed, ast.Call) or len(fixed.args) != 2:
        return None
    iterable, key, reverse = sort
    function = fixed.func
    wanted = "nlargest" if reverse else "nsmallest"
    if not (isinstance(function, ast.Attribute) and function.attr == wanted):
        return None
    if not is_int_literal(fixed.args[0], read[1]):
        return None
    return total(compare(iterable, fixed.args[1]), compare([key] if key else [], fixed.keywords))


TRANSFORMATIONS = (first_by_next, least_or_greatest, first_few_by_heapq)
