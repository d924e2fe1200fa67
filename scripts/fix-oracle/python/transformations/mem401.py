"""MEM401 (read-csv-usecols): `read_csv(…)` → `read_csv(…, usecols=["a", "b"])`
(`columns=` for Parquet and Feather): distinct column names, as string literals.
And, where the statement after the read cuts the frame to columns of the file
in their order, `df = read_csv(…)` then `df = df[["a", "b"]]` → `df =
read_csv(…, usecols=["a", "b"])`: the cut dropped, the same names listed."""
import ast
import copy

from .shapes import is_str_literal, keyword_appended


def columns_listed(original, fixed, compare):
    added, kept = keyword_appended(original, fixed, compare, ("usecols", "columns"))
    if added is None or not _distinct_names(added.value):
        return None
    return kept


def cut_dropped(original, fixed, compare):
    """In a block, a read followed by its cut → the read listing the cut's columns, the cut gone."""
    if not (isinstance(original, list) and isinstance(fixed, list)) or len(original) != len(fixed) + 1:
        return None
    for index in range(len(fixed)):
        read, cut, listed = original[index], original[index + 1], fixed[index]
        names = _cut_names(read, cut)
        if names is None or not isinstance(listed, ast.Assign) or not isinstance(listed.value, ast.Call):
            continue
        keywords = listed.value.keywords
        if not keywords or keywords[-1].arg not in ("usecols", "columns") or not _distinct_names(keywords[-1].value):
            continue
        if names is not True and [name.value for name in keywords[-1].value.elts] != names:
            continue
        unlisted = copy.copy(listed)
        unlisted.value = ast.Call(func=listed.value.func, args=listed.value.args, keywords=keywords[:-1])
        rest = compare(original[: index + 1] + original[index + 2 :], fixed[:index] + [unlisted] + fixed[index + 1 :])
        if rest is not None:
            return rest
    return None


def _cut_names(read, cut):
    """`df = df[["a", "b"]]` (the names) or `df = df[NAMES]` (True) after `df = <call>`; None for anything else."""
    if not (isinstance(read, ast.Assign) and isinstance(cut, ast.Assign)) or not isinstance(read.value, ast.Call):
        return None
    if len(read.targets) != 1 or len(cut.targets) != 1 or not isinstance(read.targets[0], ast.Name):
        return None
    name = read.targets[0].id
    value = cut.value
    if not (isinstance(cut.targets[0], ast.Name) and cut.targets[0].id == name and isinstance(value, ast.Subscript)):
        return None
    if not (isinstance(value.value, ast.Name) and value.value.id == name):
        return None
    if isinstance(value.slice, ast.Name):
        return True
    return [item.value for item in value.slice.elts] if _distinct_names(value.slice) else None


def _distinct_names(listed):
    if not isinstance(listed, ast.List) or not listed.elts:
        return False
    names = listed.elts
    return all(is_str_literal(name) for name in names) and len({name.value for name in names}) == len(names)


TRANSFORMATIONS = (columns_listed, cut_dropped)
