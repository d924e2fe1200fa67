"""MEM110 (item-of-materialised): `list(x)[0]` / `tuple(x)[0]` / `[*x][0]` →
`next(iter(x))` (`next(x)` for an iterator); `[e for …][0]` → `next(e for …)`;
each read by `.pop(0)` too (and `.pop()` for `[-1]`); `sorted(x, key=k,
reverse=r)[0]` / `[-1]` → `min(x, key=k)` / `max(x, key=k)`; `sorted(x, key=k,
reverse=r)[:n]` → `heapq.nsmallest(n, x, key=k)` / `nlargest`."""
import ast

from .shapes import call_of, is_builtin, is_int_literal, total


def _position(key):
    """0 or -1 for an index that reads the first or the last item, else None."""
    if is_int_literal(key, 0):
        return 0
    if isinstance(key, ast.UnaryOp) and isinstance(key.op, ast.USub) and is_int_literal(key.operand, 1):
        return -1
    return None


def _read(node):
    """(the list read, what is read: 0, -1 or ('head', n)) of `value[…]` or of `value.pop(…)`
    (`pop()` reads the last item), or None."""
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Slice) and key.lower is None and key.step is None and is_int_literal(key.upper):
            return node.value, ("head", key.upper.value)
        position = _position(key)
        return (node.value, position) if position is not None else None
    pops = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "pop"
    if not pops or node.keywords or len(node.args) > 1:
        return None
    position = _position(node.args[0]) if node.args else -1
    # A tuple has no pop(): only a list made on the spot is read by it.
    if position is None or call_of(node.func.value, "tuple"):
        return None
    return node.func.value, position


def _index(node):
    read = _read(node)
    return read[1] if read else None


def _starred_copy(value):
    """`x` of `[*x]`, a display of one starred item, or None."""
    if isinstance(value, ast.List) and len(value.elts) == 1 and isinstance(value.elts[0], ast.Starred):
        return value.elts[0].value
    return None


def first_by_next(original, fixed, compare):
    found = _read(original)
    if not found or found[1] != 0:
        return None
    read = call_of(fixed, "next")
    if not read:
        return None
    value = found[0]
    if isinstance(value, ast.ListComp) and isinstance(read[0], ast.GeneratorExp):
        return total(compare(value.elt, read[0].elt), compare(value.generators, read[0].generators))
    iterated = call_of(read[0], "iter")
    given = iterated[0] if iterated else read[0]
    starred = _starred_copy(value)
    if starred is not None:
        return compare(starred, given)
    if not call_of(value, "list", "tuple"):
        return None
    # The copy as the fix read it: another rule's fix (MEM105's) may have changed its argument first.
    return compare(value, ast.Call(func=value.func, args=[given], keywords=[]))


def _sort_of(node, compare):
    """(the sort call, the sites of what turned the value read into it, reverse) of
    `sorted(…)[…]` or `sorted(…).pop(…)`, or None. A `list()` around the sort is MEM105's to remove first."""
    call, sites = _read(node)[0], []
    listed = call_of(call, "list")
    if listed and isinstance(listed[0], ast.Call) and is_builtin(listed[0].func, "sorted"):
        sites = compare(call, listed[0])
        call = listed[0]
    if sites is None or not (isinstance(call, ast.Call) and is_builtin(call.func, "sorted") and len(call.args) == 1):
        return None
    reverse = False
    for keyword in call.keywords:
        if keyword.arg == "reverse" and isinstance(keyword.value, ast.Constant) and type(keyword.value.value) is bool:
            reverse = keyword.value.value
        elif keyword.arg != "key":
            return None
    return call, sites, reverse


def _sort_read(sort, iterable, keywords, compare):
    """The sites that turn the original sort into the sort the fix read, `sorted(iterable, key=…)`
    with its `reverse=` as it was: other rules' fixes (MEM105's, MEM101's) may have changed its argument."""
    has_key = any(keyword.arg == "key" for keyword in sort.keywords)
    if len(keywords) != int(has_key) or any(keyword.arg != "key" for keyword in keywords):
        return None
    rebuilt = [keywords[0] if keyword.arg == "key" else keyword for keyword in sort.keywords]
    return compare(sort, ast.Call(func=sort.func, args=[iterable], keywords=rebuilt))


def least_or_greatest(original, fixed, compare):
    if _index(original) not in (0, -1):
        return None
    found = _sort_of(original, compare)
    if not found or not isinstance(fixed, ast.Call) or len(fixed.args) != 1:
        return None
    sort, sites, reverse = found
    least = (_index(original) == 0) != reverse
    if not is_builtin(fixed.func, "min" if least else "max"):
        return None
    return total(sites, _sort_read(sort, fixed.args[0], fixed.keywords, compare))


def first_few_by_heapq(original, fixed, compare):
    read = _index(original)
    found = _sort_of(original, compare) if isinstance(read, tuple) else None
    if not found or not isinstance(fixed, ast.Call) or len(fixed.args) != 2:
        return None
    sort, sites, reverse = found
    function = fixed.func
    wanted = "nlargest" if reverse else "nsmallest"
    if not (isinstance(function, ast.Attribute) and function.attr == wanted):
        return None
    if not is_int_literal(fixed.args[0], read[1]):
        return None
    return total(sites, _sort_read(sort, fixed.args[1], fixed.keywords, compare))


TRANSFORMATIONS = (first_by_next, least_or_greatest, first_few_by_heapq)
