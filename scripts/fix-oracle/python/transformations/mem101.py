"""MEM101 (generator-in-call): `f([e for …])` → `f(e for …)` or `f((e for …), …)`;
`set([e for …])` → `{e for …}`; `list([e for …])` → `[e for …]`; `any({e for …})`
(or `all`, `min`, `max`) → `any(e for …)`."""
import ast

from .shapes import call_of, generator_for_list, total


def set_comprehension_for_set_of_list(original, fixed, compare):
    arguments = call_of(original, "set")
    if arguments and isinstance(arguments[0], ast.ListComp) and isinstance(fixed, ast.SetComp):
        return total(compare(arguments[0].elt, fixed.elt), compare(arguments[0].generators, fixed.generators))
    return None


def comprehension_for_list_of_list(original, fixed, compare):
    arguments = call_of(original, "list")
    if arguments and isinstance(arguments[0], ast.ListComp) and isinstance(fixed, ast.ListComp):
        return compare(arguments[0], fixed)
    return None


def generator_for_set(original, fixed, compare):
    """`{e for …}` → `(e for …)`: the same element and clauses."""
    if isinstance(original, ast.SetComp) and isinstance(fixed, ast.GeneratorExp):
        return total(compare(original.elt, fixed.elt), compare(original.generators, fixed.generators))
    return None


TRANSFORMATIONS = (
    generator_for_list,
    set_comprehension_for_set_of_list,
    comprehension_for_list_of_list,
    generator_for_set,
)
