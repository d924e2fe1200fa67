"""MEM406 (count-of-filtered-frame): `len(df[mask])`, `len(df.loc[mask])`,
`df[mask].shape[0]` and `df.loc[mask].shape[0]` → `int((mask).sum())`."""
import ast

from .shapes import call_of, is_int_literal, method_call


def _masked_rows(node):
    """The mask of `df[mask]` or `df.loc[mask]`, or None."""
    return node.slice if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice) else None


def _counted(original):
    """The selection `len()` or `.shape[0]` counts, or None."""
    arguments = call_of(original, "len")
    if arguments:
        return arguments[0]
    if isinstance(original, ast.Subscript) and is_int_literal(original.slice, 0):
        shape = original.value
        if isinstance(shape, ast.Attribute) and shape.attr == "shape":
            return shape.value
    return None


def count_of_mask(original, fixed, compare):
    mask = _masked_rows(_counted(original))
    arguments = call_of(fixed, "int")
    summed = method_call(arguments[0], "sum") if arguments else None
    if mask is None or summed is None:
        return None
    return compare(mask, summed)


TRANSFORMATIONS = (count_of_mask,)
