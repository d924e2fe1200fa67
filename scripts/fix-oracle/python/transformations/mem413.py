"""MEM413 (low-memory-false): `read_csv(…, low_memory=False)` → `read_csv(…)`:
that one keyword removed, every other argument kept in its place."""
import ast


def low_memory_dropped(original, fixed, compare):
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call)):
        return None
    dropped = [
        index
        for index, keyword in enumerate(original.keywords)
        if keyword.arg == "low_memory" and isinstance(keyword.value, ast.Constant) and keyword.value.value is False
    ]
    if len(dropped) != 1 or any(keyword.arg == "low_memory" for keyword in fixed.keywords):
        return None
    kept = original.keywords[: dropped[0]] + original.keywords[dropped[0] + 1 :]
    return compare(ast.Call(func=original.func, args=original.args, keywords=kept), fixed)


TRANSFORMATIONS = (low_memory_dropped,)
