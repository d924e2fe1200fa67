"""Checks fixed Python texts against their originals with this interpreter's own
parser: run by scripts/fix-oracle.mjs once per interpreter.

Reads one JSON request on stdin:
  {"units": {id: {"text": str, "cell": bool}},
   "cases": [{"id", "unit", "fixed", "codes": [code…], "expect": "one" | "some", "comments": bool,
              "lines": [first, last] (optional: the finding's lines in the original)}]}
and writes {"python": "3.X", "units": {id: "ok" | reason}, "cases": [{"id", "status", "failures"}]}:
status is "ok", "failed", or "skipped" when this interpreter cannot parse the
original (newer syntax, Python 2). The checks of a case:
  parse     the fixed text parses, and compiles where the original compiles;
  tree      its tree differs from the original's only by the transformations of
            the rules `codes` ("one": exactly one, on the finding's `lines` when
            given; "some": at least one);
  comments  (when asked) it holds the same comments, each as often.
"""
import ast
import functools
import itertools
import json
import sys

import comments as comment_tools
import transformations
import tree_diff

# Trees of generated code nest deep; the walks recurse once per level.
sys.setrecursionlimit(20000)


def compile_flags(is_cell):
    # A notebook cell may await at top level: IPython runs it that way.
    return ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if is_cell else 0


class Original:
    """A unit's text parsed once: its tree; whether it compiles and its comments, when first asked."""

    def __init__(self, text, is_cell):
        self.text = text
        self.is_cell = is_cell
        self.tree = ast.parse(text)

    @functools.cached_property
    def compiles(self):
        return compiles(self.text, self.is_cell) is None

    @functools.cached_property
    def comments(self):
        return comment_tools.comments(self.text)


def compiles(text, is_cell):
    """None when the text compiles, else the error."""
    try:
        compile(text, "<fixed>", "exec", flags=compile_flags(is_cell), dont_inherit=True)
        return None
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return error


def syntax_error_text(error, text):
    if isinstance(error, SyntaxError) and error.lineno:
        lines = text.splitlines()
        line = lines[error.lineno - 1].strip() if 0 < error.lineno <= len(lines) else ""
        return "%s at line %d: %s" % (error.msg, error.lineno, line[:100])
    return "%s: %s" % (type(error).__name__, error)


def check_case(case, original):
    fixed_text = case["fixed"]
    failures = []
    try:
        fixed_tree = ast.parse(fixed_text)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        return [{"check": "parse", "detail": syntax_error_text(error, fixed_text)}]
    if original.compiles:
        error = compiles(fixed_text, original.is_cell)
        if error is not None:
            failures.append({"check": "parse", "detail": "does not compile: " + syntax_error_text(error, fixed_text)})
    failures.extend(tree_failures(original.tree, fixed_tree, case))
    if case.get("comments") and original.comments is not None:
        after = comment_tools.comments(fixed_text)
        if after is None:
            failures.append({"check": "comments", "detail": "the fixed text does not tokenize"})
        elif after != original.comments:
            lost, added = comment_tools.lost_and_added(original.comments, after)
            failures.append({"check": "comments", "detail": "lost %r, added %r" % (lost[:3], added[:3])})
    return failures


def tree_failures(before, after, case):
    transformations_of_rules = transformations.of(case["codes"])
    sites = tree_diff.explain(before, after, transformations_of_rules)
    one = case["expect"] == "one"
    expected = "exactly one" if one else "at least one"
    if sites is None:
        parts = tree_diff.first_unexplained(before, after, transformations_of_rules)
        (parent_before, parent_after), (node_before, node_after) = parts
        detail = "%s became %s, in %s → %s" % (
            tree_diff.describe(node_before),
            tree_diff.describe(node_after),
            tree_diff.describe(parent_before),
            tree_diff.describe(parent_after),
        )
        return [{"check": "tree", "detail": detail}]
    if not sites:
        return [{"check": "tree", "detail": "the tree did not change (expected %s transformation)" % expected}]
    if one and len(sites) != 1:
        shown = "; ".join(tree_diff.describe(site) for site in sites[:3])
        return [{"check": "tree", "detail": "%d transformations where one was expected: %s" % (len(sites), shown)}]
    span = case.get("lines")
    if one and span and not _within(sites[0], span):
        return [
            {
                "check": "tree",
                "detail": "transformed %s, away from the finding (lines %d-%d)"
                % (tree_diff.describe(sites[0]), span[0], span[1]),
            }
        ]
    return []


def _within(node, span):
    """Whether a node's lines meet the finding's lines (nodes without positions, such as lists, always do)."""
    first = getattr(node, "lineno", None)
    if first is None:
        return True
    last = getattr(node, "end_lineno", None) or first
    return first <= span[1] and last >= span[0]


def main():
    request = json.load(sys.stdin)
    units = request["units"]
    unit_status = {}
    results = []
    # A unit's cases one after another, so that one original tree is held at a time.
    by_unit = sorted(request["cases"], key=lambda case: case["unit"])
    for unit_id, cases in itertools.groupby(by_unit, key=lambda case: case["unit"]):
        unit = units[unit_id]
        try:
            original = Original(unit["text"], unit.get("cell", False))
            unit_status[unit_id] = "ok"
        except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
            original = None
            unit_status[unit_id] = syntax_error_text(error, unit["text"])
        for case in cases:
            results.append(result_of(case, original))
    json.dump({"python": "%d.%d" % sys.version_info[:2], "units": unit_status, "cases": results}, sys.stdout)


def result_of(case, original):
    if original is None:
        return {"id": case["id"], "status": "skipped", "failures": []}
    try:
        failures = check_case(case, original)
    except RecursionError:
        failures = [{"check": "tree", "detail": "the trees nest too deep to compare"}]
    return {"id": case["id"], "status": "failed" if failures else "ok", "failures": failures}


if __name__ == "__main__":
    main()
