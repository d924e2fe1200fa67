"""MEM102 (loop-over-copy): `for x in list(X)` / `tuple(X)` → `for x in X` (or `(X)`);
`for x in [e for …]` → `for x in (e for …)`."""
from .shapes import call_of, generator_for_list


def copy_unwrapped(original, fixed, compare):
    arguments = call_of(original, "list", "tuple")
    return compare(arguments[0], fixed) if arguments else None


TRANSFORMATIONS = (generator_for_list, copy_unwrapped)
