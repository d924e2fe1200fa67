"""Shapes the rules' transformations share. Each transformation is a function
`(original, fixed, compare)` returning the sites of the further transformations
the children it keeps took (`compare(x, y)`, empty when they are the same), or
None when `original` → `fixed` is not that transformation."""
import ast


def total(*site_lists):
    """The children's sites together, or None when one of them is not explained."""
    sites = []
    for listed in site_lists:
        if listed is None:
            return None
        sites.extend(listed)
    return sites


def is_name(node, *names):
    return isinstance(node, ast.Name) and node.id in names


def is_builtin(node, *names):
    """`name` or `builtins.name`: the rules follow a builtin through the `builtins` module too."""
    if isinstance(node, ast.Attribute):
        return node.attr in names and is_name(node.value, "builtins")
    return is_name(node, *names)


def call_of(node, *names, arguments=1):
    """`name(x, …)` (a builtin) with `arguments` positional arguments and nothing else: its arguments, or None."""
    if (
        isinstance(node, ast.Call)
        and is_builtin(node.func, *names)
        and len(node.args) == arguments
        and not node.keywords
        and not any(isinstance(arg, ast.Starred) for arg in node.args)
    ):
        return node.args
    return None


def method_call(node, name):
    """`x.name()` with no arguments: `x`, or None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
        and not node.args
        and not node.keywords
    ):
        return node.func.value
    return None


def is_int_literal(node, value=None):
    return (
        isinstance(node, ast.Constant)
        and type(node.value) is int
        and node.value >= 0
        and (value is None or node.value == value)
    )


def is_str_literal(node, value=None):
    return isinstance(node, ast.Constant) and type(node.value) is str and (value is None or node.value == value)


def generator_for_list(original, fixed, compare):
    """`[e for …]` → `(e for …)`: the same element and clauses (the generator fix)."""
    if isinstance(original, ast.ListComp) and isinstance(fixed, ast.GeneratorExp):
        return total(compare(original.elt, fixed.elt), compare(original.generators, fixed.generators))
    return None


def keyword_appended(original, fixed, compare, names):
    """A call given one more keyword, after all the others, named one of `names`
    and not given before: `(the new keyword, the sites of the rest)`, or
    `(None, None)`. The rest is compared as a whole, so a keyword another fix
    appended before this one is that fix's transformation."""
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call)) or not fixed.keywords:
        return None, None
    added = fixed.keywords[-1]
    if added.arg not in names or any(keyword.arg == added.arg for keyword in fixed.keywords[:-1]):
        return None, None
    kept = compare(original, ast.Call(func=fixed.func, args=fixed.args, keywords=fixed.keywords[:-1]))
    return (added, kept) if kept is not None else (None, None)
