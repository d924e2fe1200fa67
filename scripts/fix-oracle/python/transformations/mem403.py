"""MEM403 (array-from-comprehension): `np.array([e for …], dtype=T)` or
`np.array(list(e for …), dtype=T)` → `np.fromiter((e for …), dtype=T)`, and
`np.array(list(map(f, xs)), dtype=T)` → `np.fromiter(map(f, xs), dtype=T)`,
with `count=` added last: `n` (a name or a non-negative int) for a plain
range, `len(xs)` (xs a name) for a map over one name."""
import ast

from .shapes import call_of, generator_for_list, is_builtin, is_int_literal, is_name, total


def _is_map(node):
    return isinstance(node, ast.Call) and is_builtin(node.func, "map")


def _items(original, fixed, compare):
    """The comprehension made a generator, or `list(generator)` (`list(map(…))`) made the generator (the map)."""
    listed = call_of(original, "list")
    if listed and (isinstance(listed[0], ast.GeneratorExp) or _is_map(listed[0])):
        return compare(listed[0], fixed)
    return generator_for_list(original, fixed, compare)


def _is_count(node, items):
    """`n` or a non-negative int; `len(xs)` of the name a map iterates."""
    if isinstance(node, ast.Name) or is_int_literal(node):
        return True
    measured = call_of(node, "len")
    iterated = items.args[1:] if _is_map(items) else []
    return bool(measured) and len(iterated) == 1 and isinstance(iterated[0], ast.Name) and is_name(measured[0], iterated[0].id)


def fromiter(original, fixed, compare):
    calls = isinstance(original, ast.Call) and isinstance(fixed, ast.Call)
    if not calls or not (isinstance(original.func, ast.Attribute) and isinstance(fixed.func, ast.Attribute)):
        return None
    if original.func.attr not in ("array", "asarray") or fixed.func.attr != "fromiter":
        return None
    if not original.args or len(original.args) != len(fixed.args):
        return None
    keywords = fixed.keywords
    if len(keywords) == len(original.keywords) + 1 and keywords[-1].arg == "count":
        if not _is_count(keywords[-1].value, fixed.args[0]):
            return None
        keywords = keywords[:-1]
    return total(
        compare(original.func.value, fixed.func.value),
        _items(original.args[0], fixed.args[0], compare),
        compare(original.args[1:], fixed.args[1:]),
        compare(original.keywords, keywords),
    )


TRANSFORMATIONS = (fromiter,)
