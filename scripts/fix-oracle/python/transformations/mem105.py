"""MEM105 (nested-copy): `outer(inner(x), …)` → `outer(x, …)` where outer is
`list`, `tuple`, `sorted`, `set` or `frozenset` and the inner copy `list`,
`tuple` or `sorted` (a sort inside a set, or inside another sort, with its
`key=`/`reverse=` dropped), or `set`/`frozenset` inside a set; `list(sorted(…))`
→ `sorted(…)`; `set({e for …})` → `{e for …}`; `frozenset({e for …})` →
`frozenset(e for …)`; `set(xs[::-1])` (`frozenset`, `sorted`) → `set(reversed(xs))`,
`reversed(xs[::-1])` → `iter(xs)`."""
import ast

from .shapes import call_of, is_builtin, is_int_literal, total

OUTER = ("list", "tuple", "sorted", "set", "frozenset")
INNER = ("list", "tuple", "sorted")
SETS = ("set", "frozenset")


def _inner_copy(outer, argument):
    """The argument the inner copy of `outer(argument)` iterates, or None."""
    copied = call_of(argument, *INNER)
    if copied:
        return copied[0]
    if is_builtin(outer.func, *SETS):
        copied = call_of(argument, *SETS)
        if copied:
            return copied[0]
    # A sort whose keywords go with it: inside a set (its order and key are ignored), or a
    # sort by no key inside another by no key (both stable: the outer one decides the order).
    if not (isinstance(argument, ast.Call) and is_builtin(argument.func, "sorted") and len(argument.args) == 1):
        return None
    if any(isinstance(arg, ast.Starred) for arg in argument.args):
        return None
    names = [keyword.arg for keyword in argument.keywords]
    if is_builtin(outer.func, *SETS) and all(name in ("key", "reverse") for name in names):
        return argument.args[0]
    no_key = all(keyword.arg == "reverse" for keyword in outer.keywords)
    if is_builtin(outer.func, "sorted") and no_key and names == ["reverse"]:
        return argument.args[0]
    return None


def inner_copy_dropped(original, fixed, compare):
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call) and is_builtin(original.func, *OUTER)):
        return None
    if not original.args or len(original.args) != len(fixed.args):
        return None
    iterated = _inner_copy(original, original.args[0])
    if iterated is None:
        return None
    return total(
        compare(original.func, fixed.func),
        _walked(original, iterated, fixed.args[0], compare),
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


def outer_set_dropped(original, fixed, compare):
    """`set({e for …})` → `{e for …}`."""
    arguments = call_of(original, "set")
    if arguments and isinstance(arguments[0], ast.SetComp) and isinstance(fixed, ast.SetComp):
        return compare(arguments[0], fixed)
    return None


def frozenset_of_generator(original, fixed, compare):
    """`frozenset({e for …})` → `frozenset(e for …)`: the same element and clauses."""
    arguments = call_of(original, "frozenset")
    given = call_of(fixed, "frozenset")
    if not (arguments and given and isinstance(arguments[0], ast.SetComp) and isinstance(given[0], ast.GeneratorExp)):
        return None
    comprehension, generator = arguments[0], given[0]
    return total(
        compare(original.func, fixed.func),
        compare(comprehension.elt, generator.elt),
        compare(comprehension.generators, generator.generators),
    )


def _reversed_slice(node):
    """`xs` of `xs[::-1]`, or None."""
    if not isinstance(node, ast.Subscript) or not isinstance(node.slice, ast.Slice):
        return None
    bounds, step = node.slice, node.slice.step
    reverses = isinstance(step, ast.UnaryOp) and isinstance(step.op, ast.USub) and is_int_literal(step.operand, 1)
    return node.value if bounds.lower is None and bounds.upper is None and reverses else None


def _walked(outer, iterated, given, compare):
    """The sites that turn what the inner copy iterated into what the outer call is given:
    `sorted(list(xs[::-1]))` may end as `sorted(reversed(xs))`, both copies gone."""
    sliced = _reversed_slice(iterated)
    walked = call_of(given, "reversed")
    if sliced is not None and walked and is_builtin(outer.func, "set", "frozenset", "sorted"):
        return compare(sliced, walked[0])
    return compare(iterated, given)


def slice_walked_backwards(original, fixed, compare):
    """`set(xs[::-1])` (`frozenset`, `sorted`) → `set(reversed(xs))`; `reversed(xs[::-1])` → `iter(xs)`."""
    if not isinstance(original, ast.Call) or not original.args:
        return None
    sliced = _reversed_slice(original.args[0])
    if sliced is None:
        return None
    if is_builtin(original.func, "reversed"):
        walked = call_of(fixed, "iter")
        return compare(sliced, walked[0]) if walked and len(original.args) == 1 else None
    if not (is_builtin(original.func, "set", "frozenset", "sorted") and isinstance(fixed, ast.Call)):
        return None
    walked = call_of(fixed.args[0], "reversed") if fixed.args else None
    if not walked or len(original.args) != len(fixed.args):
        return None
    return total(
        compare(original.func, fixed.func),
        compare(sliced, walked[0]),
        compare(original.args[1:], fixed.args[1:]),
        compare(original.keywords, fixed.keywords),
    )


TRANSFORMATIONS = (
    inner_copy_dropped,
    outer_list_dropped,
    outer_set_dropped,
    frozenset_of_generator,
    slice_walked_backwards,
)
