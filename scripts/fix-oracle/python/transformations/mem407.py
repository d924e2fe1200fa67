"""MEM407 (column-of-filtered-frame): `df[mask]["col"]` and `df.loc[mask]["col"]` →
`df.loc[mask, "col"]`."""
import ast

from .shapes import is_str_literal, total


def loc_of_column(original, fixed, compare):
    if not (isinstance(original, ast.Subscript) and isinstance(original.value, ast.Subscript)):
        return None
    rows, column = original.value, original.slice
    frame = rows.value
    if isinstance(frame, ast.Attribute) and frame.attr == "loc":
        frame = frame.value
    if not is_str_literal(column) or not isinstance(fixed, ast.Subscript):
        return None
    loc, key = fixed.value, fixed.slice
    if not (isinstance(loc, ast.Attribute) and loc.attr == "loc" and isinstance(key, ast.Tuple) and len(key.elts) == 2):
        return None
    return total(compare(frame, loc.value), compare(rows.slice, key.elts[0]), compare(column, key.elts[1]))


TRANSFORMATIONS = (loc_of_column,)
