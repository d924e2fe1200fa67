"""MEM111 (unpacked-into-chain): `chain(*rows)` → `chain.from_iterable(rows)`,
the callee as it was with `.from_iterable` after it, the starred rows unstarred."""
import ast


def from_iterable(original, fixed, compare):
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call)):
        return None
    if original.keywords or fixed.keywords or len(original.args) != 1 or len(fixed.args) != 1:
        return None
    starred = original.args[0]
    method = fixed.func
    if not isinstance(starred, ast.Starred) or not isinstance(method, ast.Attribute) or method.attr != "from_iterable":
        return None
    callee = compare(original.func, method.value)
    rows = compare(starred.value, fixed.args[0])
    return None if callee is None or rows is None else callee + rows


TRANSFORMATIONS = (from_iterable,)
