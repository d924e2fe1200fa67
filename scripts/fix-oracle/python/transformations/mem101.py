"""MEM101 (generator-in-call): `f([e for …])` → `f(e for …)` or `f((e for …), …)`;
`set([e for …])` → `{e for …}`."""
import ast

from .shapes import call_of, generator_for_list, total


def set_comprehension_for_set_of_list(original, fixed, compare):
    arguments = call_of(original, "set")
    if arguments and isinstance(arguments[0], ast.ListComp) and isinstance(fixed, ast.SetComp):
        return total(compare(arguments[0].elt, fixed.elt), compare(arguments[0].generators, fixed.generators))
    return None


TRANSFORMATIONS = (generator_for_list, set_comprehension_for_set_of_list)
