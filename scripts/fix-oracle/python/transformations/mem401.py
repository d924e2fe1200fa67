"""MEM401 (read-csv-usecols): `read_csv(…)` → `read_csv(…, usecols=["a", "b"])`
(`columns=` for Parquet and Feather): distinct column names, as string literals."""
import ast

from .shapes import is_str_literal, keyword_appended


def columns_listed(original, fixed, compare):
    added, kept = keyword_appended(original, fixed, compare, ("usecols", "columns"))
    if added is None or not isinstance(added.value, ast.List) or not added.value.elts:
        return None
    names = added.value.elts
    if not all(is_str_literal(name) for name in names) or len({name.value for name in names}) != len(names):
        return None
    return kept


TRANSFORMATIONS = (columns_listed,)
