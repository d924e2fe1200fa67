"""How an original module and a fixed one differ, in the transformations that explain it.

Positions are left out: a fix moves everything after it. `explain` walks both
trees together; where they differ it asks the rule's transformations whether one
of them turns the original node into the fixed one, and lists the original nodes
each one transformed: its sites. A transformation compares the children it
keeps through `explain` again, so fixes applied on top of each other (a copy
unwrapped, then its comprehension made a generator) are listed one each.
"""
import ast


def same(a, b):
    """Structural equality of two trees, positions left out."""
    if type(a) is not type(b):
        return False
    if isinstance(a, ast.AST):
        return all(same(getattr(a, field, None), getattr(b, field, None)) for field in a._fields)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def explain(a, b, transformations):
    """The sites of the transformations that turn `a` into `b`, or None when they cannot."""
    if same(a, b):
        return []

    def compare(x, y):
        return explain(x, y, transformations)

    for transformation in transformations:
        inner = transformation(a, b, compare)
        if inner is not None:
            return [a] + inner
    if isinstance(a, list) and isinstance(b, list):
        return _joined(compare(x, y) for x, y in zip(a, b)) if len(a) == len(b) else None
    if isinstance(a, ast.AST) and type(a) is type(b):
        return _joined(compare(getattr(a, field, None), getattr(b, field, None)) for field in a._fields)
    return None


def _joined(site_lists):
    sites = []
    for listed in site_lists:
        if listed is None:
            return None
        sites.extend(listed)
    return sites


def first_unexplained(a, b, transformations):
    """Where the trees part in a way no transformation explains: the pair of nodes
    (or lists) there, with the innermost statement or expression holding them."""
    parent = (a, b)
    while True:
        if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            pairs = list(zip(a, b))
        elif isinstance(a, ast.AST) and type(a) is type(b):
            pairs = [(getattr(a, f, None), getattr(b, f, None)) for f in a._fields]
        else:
            return parent, (a, b)
        culprits = [(x, y) for x, y in pairs if explain(x, y, transformations) is None]
        if not culprits:
            return parent, (a, b)
        if isinstance(a, ast.AST) and not isinstance(a, ast.mod):
            parent = (a, b)
        a, b = culprits[0]


def describe(node):
    """A short text of a node (or list of nodes) for a report."""
    if isinstance(node, list):
        return "[" + "; ".join(describe(item) for item in node[:3]) + ("; …" if len(node) > 3 else "") + "]"
    if not isinstance(node, ast.AST):
        return repr(node)
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - any node ast cannot print is shown by its type alone
        text = ""
    text = " ".join(text.split())
    if len(text) > 100:
        text = text[:97] + "…"
    line = getattr(node, "lineno", None)
    where = " (line %d)" % line if line is not None else ""
    return "%s `%s`%s" % (type(node).__name__, text, where)
