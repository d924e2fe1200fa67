"""MEM106 (read-whole-file): `for line in f.readlines()` → `for line in f`;
`for x in f.read().splitlines()` → `for x in f` with `x = x.rstrip("\\r\\n")` first in
the body, or in a comprehension `(x.rstrip("\\r\\n") for x in f)`."""
import ast

from .shapes import is_name, is_str_literal, method_call, total


def iterate_file(original, fixed, compare):
    file = method_call(original, "readlines")
    return compare(file, fixed) if file is not None else None


def _split_file(node):
    """`F` of `F.read().splitlines()`, or None."""
    read = method_call(node, "splitlines")
    return method_call(read, "read") if read is not None else None


def _stripped(node, name):
    """Whether `node` is `name.rstrip("\\r\\n")`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "rstrip"
        and is_name(node.func.value, name)
        and len(node.args) == 1
        and is_str_literal(node.args[0], "\r\n")
        and not node.keywords
    )


def generator_of_stripped_lines(original, fixed, compare):
    file = _split_file(original)
    if file is None or not isinstance(fixed, ast.GeneratorExp) or len(fixed.generators) != 1:
        return None
    clause = fixed.generators[0]
    if not isinstance(clause.target, ast.Name) or clause.ifs or clause.is_async:
        return None
    return compare(file, clause.iter) if _stripped(fixed.elt, clause.target.id) else None


def loop_of_stripped_lines(original, fixed, compare):
    if not isinstance(original, (ast.For, ast.AsyncFor)) or type(original) is not type(fixed):
        return None
    file = _split_file(original.iter)
    if file is None or not isinstance(original.target, ast.Name) or not fixed.body:
        return None
    first = fixed.body[0]
    assigns = (
        isinstance(first, ast.Assign)
        and len(first.targets) == 1
        and is_name(first.targets[0], original.target.id)
        and _stripped(first.value, original.target.id)
    )
    if not assigns:
        return None
    return total(
        compare(original.target, fixed.target),
        compare(file, fixed.iter),
        compare(original.body, fixed.body[1:]),
        compare(original.orelse, fixed.orelse),
    )


TRANSFORMATIONS = (iterate_file, generator_of_stripped_lines, loop_of_stripped_lines)
