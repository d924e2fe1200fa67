"""MEM403 (array-from-comprehension): `np.array([e for …], dtype=T)` or
`np.array(list(e for …), dtype=T)` → `np.fromiter((e for …), dtype=T)`, with
`count=n` (a name or a non-negative int) added last for a plain range."""
import ast

from .shapes import call_of, generator_for_list, is_int_literal, total


def _items(original, fixed, compare):
    """The comprehension made a generator, or `list(generator)` made the generator."""
    listed = call_of(original, "list")
    if listed and isinstance(listed[0], ast.GeneratorExp):
        return compare(listed[0], fixed)
    return generator_for_list(original, fixed, compare)


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
        count = keywords[-1].value
        if not (isinstance(count, ast.Name) or is_int_literal(count)):
            return None
        keywords = keywords[:-1]
    return total(
        compare(original.func.value, fixed.func.value),
        _items(original.args[0], fixed.args[0], compare),
        compare(original.args[1:], fixed.args[1:]),
        compare(original.keywords, keywords),
    )


TRANSFORMATIONS = (fromiter,)
