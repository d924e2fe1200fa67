"""MEM405 (text-column-as-category): `read_csv(…)` → `read_csv(…, dtype={"a": "category"})`,
only for a call with no `dtype=` of its own."""
import ast

from .shapes import is_str_literal, keyword_appended


def categories_given(original, fixed, compare):
    added, kept = keyword_appended(original, fixed, compare, ("dtype",))
    if added is None or not isinstance(added.value, ast.Dict) or not added.value.keys:
        return None
    keys, values = added.value.keys, added.value.values
    if not all(is_str_literal(key) for key in keys) or len({key.value for key in keys}) != len(keys):
        return None
    return kept if all(is_str_literal(value, "category") for value in values) else None


TRANSFORMATIONS = (categories_given,)
