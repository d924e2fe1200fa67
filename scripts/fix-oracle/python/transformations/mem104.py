"""MEM104 (len-of-materialised): `len([e for …])` → `sum(1 for …)`;
`len(list(it))` → `sum(1 for _ in it)`."""
import ast

from .shapes import call_of, is_int_literal, is_name


def _counting_generator(fixed):
    """The generator of `sum(1 for …)`, or None."""
    arguments = call_of(fixed, "sum")
    if arguments and isinstance(arguments[0], ast.GeneratorExp) and is_int_literal(arguments[0].elt, 1):
        return arguments[0]
    return None


def count_of_comprehension(original, fixed, compare):
    arguments = call_of(original, "len")
    counting = _counting_generator(fixed)
    if arguments and counting and isinstance(arguments[0], ast.ListComp):
        return compare(arguments[0].generators, counting.generators)
    return None


def count_of_iterator(original, fixed, compare):
    arguments = call_of(original, "len")
    listed = call_of(arguments[0], "list") if arguments else None
    counting = _counting_generator(fixed)
    if not (listed and counting and len(counting.generators) == 1):
        return None
    clause = counting.generators[0]
    plain = is_name(clause.target, "_") and isinstance(clause.target.ctx, ast.Store)
    if plain and not clause.ifs and not clause.is_async:
        return compare(listed[0], clause.iter)
    return None


TRANSFORMATIONS = (count_of_comprehension, count_of_iterator)
