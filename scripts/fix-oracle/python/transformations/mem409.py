"""MEM409 (densified-sparse-matrix): one row read from the sparse matrix,
`m.toarray()[k]` / `m.A[k]` → `m[k].toarray().ravel()` and `m.todense()[k]` →
`m[k].todense()`; a reduction of it, `m.todense().sum(axis)` → `m.sum(axis)`
(and `.toarray()`, `.A`, `.mean`)."""
import ast

from .shapes import is_int_literal, method_call, total

_REDUCTIONS = ("sum", "mean")


def _densified(node):
    """`(m, how)` of `m.toarray()`, `m.todense()` or `m.A`, or None."""
    for how in ("toarray", "todense"):
        matrix = method_call(node, how)
        if matrix is not None:
            return matrix, how
    if isinstance(node, ast.Attribute) and node.attr == "A":
        return node.value, "A"
    return None


def _row_key(node):
    """Whether a subscript's key is an integer literal, negative ones included."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return is_int_literal(node.operand)
    return is_int_literal(node)


def row_of_sparse(original, fixed, compare):
    if not isinstance(original, ast.Subscript) or not _row_key(original.slice):
        return None
    dense = _densified(original.value)
    if dense is None:
        return None
    matrix, how = dense
    if how != "todense":
        fixed = method_call(fixed, "ravel")
    densified = _densified(fixed) if fixed is not None else None
    if densified is None or densified[1] != ("todense" if how == "todense" else "toarray"):
        return None
    row = densified[0]
    if not isinstance(row, ast.Subscript):
        return None
    return total(compare(matrix, row.value), compare(original.slice, row.slice))


def reduction_of_sparse(original, fixed, compare):
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call)):
        return None
    if not (isinstance(original.func, ast.Attribute) and original.func.attr in _REDUCTIONS):
        return None
    if not (isinstance(fixed.func, ast.Attribute) and fixed.func.attr == original.func.attr):
        return None
    dense = _densified(original.func.value)
    if dense is None:
        return None
    return total(
        compare(dense[0], fixed.func.value),
        compare(original.args, fixed.args),
        compare(original.keywords, fixed.keywords),
    )


TRANSFORMATIONS = (row_of_sparse, reduction_of_sparse)
