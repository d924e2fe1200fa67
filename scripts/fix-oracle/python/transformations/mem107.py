"""MEM107 (whole-file-copy): `out.write(src.read())` → `shutil.copyfileobj(src, out)`
(or `copyfileobj(src, out)` where it was imported from shutil)."""
import ast

from .shapes import is_name, method_call, total


def _copier(node):
    """Whether `node` is `shutil.copyfileobj` or `copyfileobj`."""
    if isinstance(node, ast.Attribute):
        return node.attr == "copyfileobj" and is_name(node.value, "shutil")
    return is_name(node, "copyfileobj")


def copy_file_object(original, fixed, compare):
    if not (isinstance(original, ast.Call) and isinstance(fixed, ast.Call)):
        return None
    if not (isinstance(original.func, ast.Attribute) and original.func.attr == "write"):
        return None
    if len(original.args) != 1 or original.keywords:
        return None
    source = method_call(original.args[0], "read")
    if source is None or not _copier(fixed.func) or len(fixed.args) != 2 or fixed.keywords:
        return None
    return total(compare(source, fixed.args[0]), compare(original.func.value, fixed.args[1]))


TRANSFORMATIONS = (copy_file_object,)
